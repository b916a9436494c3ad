import * as Comlink from 'comlink';
import { decodeParseError, ResumeParseError } from '../../shared/resume/extract/errors';
import { RESUME_LIMITS, type ParseOutcome, type ParseProgress } from '../../shared/resume/extract/types';
import { giveBackParserWorker, takeParserWorker } from './parser-worker';

export { ResumeParseError } from '../../shared/resume/extract/errors';
export type { ResumeParseErrorCode } from '../../shared/resume/extract/errors';
export type { ParseOutcome, ParseProgress } from '../../shared/resume/extract/types';
export { prewarmParserWorker as prewarmResumeParser, stopIdleParserWorker as stopIdleResumeParser } from './parser-worker';

/**
 * Parses a resume file on the device, in a web worker, reporting progress.
 * The worker is the one prewarmResumeParser started, or a new one; it is
 * terminated when the signal aborts, after 60 s, and on any failure (so a
 * hostile file can only ever freeze that worker), and kept for the next file
 * only when this one was read cleanly. Rejects with a ResumeParseError carrying a code.
 * `layout` also reads the layout facts the ATS check needs (see ExtractOptions.layout).
 */
export async function parseResumeFile(
  file: Blob,
  options: { onProgress?: (p: ParseProgress) => void; signal?: AbortSignal; layout?: boolean } = {},
): Promise<ParseOutcome> {
  const { onProgress, signal } = options;
  if (signal?.aborted) throw new ResumeParseError('cancelled');
  if (file.size > RESUME_LIMITS.maxBytes) throw new ResumeParseError('too-large');
  if (file.size === 0) throw new ResumeParseError('empty', 'The file is empty.');
  onProgress?.({ stage: 'reading', fraction: 0 });

  const worker = takeParserWorker();
  let stop: ((error: ResumeParseError) => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // A stop before the race below listens (Cancel while the bytes are still read) is not an unhandled rejection.
  stopped.catch(() => undefined);
  const timer = setTimeout(() => stop?.(new ResumeParseError('timeout')), RESUME_LIMITS.timeoutMs);
  const onAbort = () => stop?.(new ResumeParseError('cancelled'));
  signal?.addEventListener('abort', onAbort, { once: true });
  const unsubscribe = worker.onCrash((message) =>
    stop?.(new ResumeParseError('corrupt', `The resume reader could not start (${message}).`)),
  );

  let clean = false;
  // Progress comes on its own message port and can still be queued when the
  // page cancels (a busy page runs the click before waiting messages) or, as
  // ports are not ordered against each other, after the result: once this
  // call has settled, a late report would put the page back to "reading".
  let settled = false;
  const report = (progress: ParseProgress) => {
    if (!settled) onProgress?.(progress);
  };
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const declaredType = file instanceof File ? file.type || file.name : file.type;
    const work = worker.api.parse(
      Comlink.transfer(bytes, [bytes.buffer]),
      declaredType,
      Comlink.proxy(report),
      { layout: options.layout === true },
    );
    const outcome = await Promise.race([work, stopped]);
    clean = true;
    return outcome;
  } catch (error) {
    throw decodeParseError(error) ?? new ResumeParseError('corrupt', error instanceof Error ? error.message : String(error));
  } finally {
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    unsubscribe();
    giveBackParserWorker(worker, clean);
  }
}
