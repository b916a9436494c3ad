import { parseResumeText } from '../parse-resume-text';
import { Deadline } from './deadline';
import { extractDocx } from './docx';
import { ResumeParseError } from './errors';
import { extractPdf, splitLines, type PdfEnv } from './pdf';
import { toResumeParseError } from './pdf-errors';
import type { OcrEngine, ProgressSink } from './pipeline-types';
import type { AtsLayoutFacts } from '../../match/ats-check-types';
import { mismatchMessage, sniffKind } from './sniff';
import { RESUME_LIMITS, type ResumeLimits, type FileKind, type ParseOutcome, type ParseProgress } from './types';

/** Everything environment-specific the pipeline needs; the browser worker and Node each build one. */
export interface ExtractEnv {
  pdf: PdfEnv;
  /** Starts (once per file) an OCR engine; only called for images and pages without text. */
  startOcr(): Promise<OcrEngine>;
  /**
   * When the environment keeps one engine for the next files (the browser
   * worker does), the pipeline hands it back here instead of terminating it,
   * saying whether the file ended cleanly: an engine left mid-page must not serve the next file.
   */
  releaseOcr?(clean: boolean): Promise<void>;
}

export interface ExtractOptions {
  onProgress?: (p: ParseProgress) => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  maxPages?: number;
  /** The MIME type or file name the file came with; a mismatch with its content is refused. */
  declaredType?: string;
  /** Also report the layout facts the ATS check reads (columns, table rows, images); costs a pass over each PDF page's drawing operators. */
  layout?: boolean;
}

export interface ExtractedText {
  kind: FileKind;
  text: string;
  pages: number;
  ocrPages: number;
  /** Only when asked for (ExtractOptions.layout), and never for an image: a photo has no layout to read. */
  layout?: AtsLayoutFacts;
}

/** Share of the progress bar each stage fills: reading is instant, pages take nearly all of it. */
const READ_END = 0.05;
const MIN_TEXT_CHARS = 40;
const PAGES_END = 0.95;

export async function extractText(bytes: Uint8Array, env: ExtractEnv, options: ExtractOptions = {}): Promise<ExtractedText> {
  const limits = { ...RESUME_LIMITS, ...definedOnly(options) };
  const deadline = new Deadline(options.timeoutMs ?? limits.timeoutMs, options.signal);
  const report = (p: ParseProgress) => options.onProgress?.({ ...p, fraction: Math.min(1, Math.max(0, p.fraction)) });
  const sink: ProgressSink = (stage, f) => report({ ...stage, fraction: READ_END + (PAGES_END - READ_END) * f });

  let ocr: Promise<OcrEngine> | undefined;
  let clean = false;
  const startOcr = () => {
    if (!ocr) {
      ocr = env.startOcr();
      const started = ocr;
      deadline.onStop(async () => (env.releaseOcr ? env.releaseOcr(clean) : (await started).terminate()));
    }
    return ocr;
  };

  try {
    report({ stage: 'reading', fraction: 0 });
    if (bytes.byteLength > limits.maxBytes) throw new ResumeParseError('too-large');
    const kind = sniffKind(bytes);
    if (kind === 'empty') throw new ResumeParseError('empty', 'The file is empty.');
    if (kind === 'unknown') throw new ResumeParseError('unsupported-type');
    const mismatch = mismatchMessage(kind, options.declaredType);
    if (mismatch) throw new ResumeParseError('unsupported-type', mismatch);
    report({ stage: 'reading', fraction: READ_END });

    let result: ExtractedText;
    if (kind === 'pdf') {
      result = { kind, ...(await extractPdf(bytes, env.pdf, startOcr, deadline, sink, limits.maxPages, options.layout)) };
    } else if (kind === 'docx') {
      sink({ stage: 'text', page: 1, pages: 1 }, 0);
      result = { kind, ...(await deadline.race(extractDocx(bytes, options.layout))), pages: 1, ocrPages: 0 };
      sink({ stage: 'text', page: 1, pages: 1 }, 1);
    } else {
      sink({ stage: 'ocr', page: 1, pages: 1 }, 0);
      const engine = await deadline.race(startOcr());
      const text = splitLines(await deadline.race(engine.recognize(bytes, (f) => sink({ stage: 'ocr', page: 1, pages: 1 }, f)))).join('\n');
      result = { kind, text, pages: 1, ocrPages: 1 };
      sink({ stage: 'ocr', page: 1, pages: 1 }, 1);
    }
    // A page title and nothing else (what the bomb files carry) is not a resume to parse.
    if (result.text.replace(/\s/g, '').length < MIN_TEXT_CHARS) throw new ResumeParseError('empty');
    clean = true;
    return result;
  } catch (error) {
    throw toResumeParseError(error);
  } finally {
    await deadline.cleanup();
  }
}

/** Extraction plus the section parser: what both the worker and the Node command return. */
export async function parseResumeBytes(bytes: Uint8Array, env: ExtractEnv, options: ExtractOptions = {}): Promise<ParseOutcome> {
  const started = Date.now();
  const extracted = await extractText(bytes, env, options);
  options.onProgress?.({ stage: 'parsing', fraction: PAGES_END });
  const resume = parseResumeText(extracted.text);
  options.onProgress?.({ stage: 'parsing', fraction: 1 });
  return { ...extracted, resume, ms: Date.now() - started };
}

function definedOnly(options: ExtractOptions): Partial<ResumeLimits> {
  const out: Partial<ResumeLimits> = {};
  if (options.maxBytes !== undefined) out.maxBytes = options.maxBytes;
  if (options.maxPages !== undefined) out.maxPages = options.maxPages;
  if (options.timeoutMs !== undefined) out.timeoutMs = options.timeoutMs;
  return out;
}
