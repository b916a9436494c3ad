import Papa from 'papaparse';

export interface CsvProgress {
  /** Characters read so far, of `total`. */
  done: number;
  total: number;
}

/** Lets the page paint and answer input between two slices of work. */
export type Pause = () => Promise<void>;
export const nextTask: Pause = () => new Promise((resolve) => setTimeout(resolve, 0));

/** About 0.5 MB per slice: a few milliseconds of parsing, so the page stays responsive. */
const CHUNK_CHARS = 512 * 1024;

/**
 * Every record of a CSV text (the header first), parsed a slice at a time
 * with a pause between slices so a 20 MB file does not freeze the page.
 * `onRecords` may throw to stop reading (a row limit).
 */
export function readCsvRecords(
  text: string,
  onRecords: (records: string[][], progress: CsvProgress) => void,
  pause: Pause = nextTask,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let failed = false;
    Papa.parse<string[]>(text, {
      header: false,
      skipEmptyLines: false,
      chunkSize: CHUNK_CHARS,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        if (failed) return;
        parser.pause();
        try {
          onRecords(results.data, { done: Math.min(results.meta.cursor, text.length), total: text.length });
        } catch (error) {
          failed = true;
          parser.abort();
          reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        void pause().then(() => parser.resume());
      },
      complete: () => {
        if (!failed) resolve();
      },
      error: (error: Error) => {
        failed = true;
        reject(error);
      },
    });
  });
}
