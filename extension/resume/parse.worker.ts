/**
 * The resume-parsing web worker, started by parse-resume-file.ts from an
 * extension page and reused for the next files while each ends cleanly (the
 * page terminates it on cancel, timeout or any failure). pdf.js runs its
 * worker code in this thread (a worker has no `window`, so pdf.js sets up its
 * "fake worker" here rather than a nested one); tesseract.js runs in its own
 * nested worker, kept between files. Everything is loaded from files shipped
 * in the extension.
 */
import * as Comlink from 'comlink';
import * as pdfjs from 'pdfjs-dist';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { encodeParseError, ResumeParseError } from '../../shared/resume/extract/errors';
import { parseResumeBytes, type ExtractEnv } from '../../shared/resume/extract/pipeline';
import { ocrProgressRouter } from '../../shared/resume/extract/ocr-progress';
import { ReusableOcr } from '../../shared/resume/extract/reusable-ocr';
import { rgbaToPgm } from '../../shared/resume/extract/pgm';
import { warmUpPdf } from '../../shared/resume/extract/warm-up-pdf';
import type { OcrEngine } from '../../shared/resume/extract/pipeline-types';
import { toResumeParseError } from '../../shared/resume/extract/pdf-errors';
import type { ParseOutcome, ParseProgress } from '../../shared/resume/extract/types';
import { resumeAssetUrl } from './assets';
import { OffscreenCanvasFactory } from './canvas-factory';

pdfjs.GlobalWorkerOptions.workerSrc = resumeAssetUrl('pdfjs/pdf.worker.min.mjs');

/** Without 'wasm-unsafe-eval' in the extension's CSP, tesseract's start never settles: give up rather than hang. */
const OCR_START_TIMEOUT_MS = 20_000;

async function startBrowserOcr(): Promise<OcrEngine> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const progress = ocrProgressRouter();
  const starting = createWorker('eng', OEM.LSTM_ONLY, {
    logger: progress.logger,
    workerPath: resumeAssetUrl('tesseract/worker.min.js'),
    corePath: resumeAssetUrl('tesseract/tesseract-core-simd-lstm.js'),
    langPath: resumeAssetUrl('tesseract/lang'),
    workerBlobURL: false,
    cacheMethod: 'none',
    gzip: true,
  });
  const worker = await Promise.race([
    starting,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ResumeParseError('timeout', 'The text recognition engine did not start.')),
        OCR_START_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  // Mode 3 (automatic layout) keeps the columns of a two-column resume apart; tesseract.js's default 6 interleaves them.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
  return {
    // tesseract.js reads raw image bytes (here PGM, PNG or JPEG) as they are; its types only list wrappers.
    recognize: (image, onProgress) => progress.during(onProgress, async () => (await worker.recognize(image as unknown as Blob)).data.text),
    terminate: () => worker.terminate(),
  };
}

const ocr = new ReusableOcr(startBrowserOcr);

const env: ExtractEnv = {
  pdf: {
    getDocument: (params) => pdfjs.getDocument(params),
    params: {
      wasmUrl: resumeAssetUrl('pdfjs/wasm/'),
      // In a worker pdf.js must fetch its wasm itself, and draw on OffscreenCanvas.
      useWorkerFetch: true,
      CanvasFactory: OffscreenCanvasFactory,
      isOffscreenCanvasSupported: true,
    },
  },
  startOcr: () => ocr.get(),
  releaseOcr: (clean) => ocr.release(clean),
};

export interface ParseWorkerApi {
  /**
   * Gets ready before a file arrives: loads pdf.js's worker code and reads a
   * tiny PDF (so the first file does not pay module loading and cold code),
   * then starts the OCR engine. Says what it got ready; failures are left for a real file to report.
   */
  warm(): Promise<{ pdf: boolean; ocr: boolean }>;
  /** With `layout`, the outcome also carries the layout facts the ATS check reads. */
  parse(bytes: Uint8Array, declaredType: string, onProgress: (p: ParseProgress) => void, options?: { layout?: boolean }): Promise<ParseOutcome>;
}

/** Reads the warm-up PDF through the whole pipeline, section parser included, as a file would go. */
async function warmPdf(): Promise<void> {
  await parseResumeBytes(warmUpPdf(), env, { declaredType: 'application/pdf' });
}

/**
 * Recognises a few drawn lines: the browser compiles tesseract's wasm quickly
 * at first and optimises its hot functions only once they have run a while,
 * which made the first page read by a new engine about 1.5 s slower than the next.
 */
async function warmOcr(): Promise<void> {
  const engine = await ocr.get();
  const width = 1000;
  const height = 240;
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#000000';
  context.font = '32px sans-serif';
  WARM_UP_LINES.forEach((line, i) => context.fillText(line, 24, 56 + i * 56));
  await engine.recognize(rgbaToPgm(context.getImageData(0, 0, width, height).data, width, height));
}

const WARM_UP_LINES = ['Senior Software Engineer, 2019 - Present', 'Built payment APIs in TypeScript and Go;', 'cut p95 latency by 38% (jane@example.com)', 'Education: BSc Computer Science, 2015'];

const api: ParseWorkerApi = {
  async warm() {
    // A failed warm-up is tried again, and its failure reported, when a file needs that engine.
    const pdf = await warmPdf().then(
      () => true,
      () => false,
    );
    const ocrReady = await warmOcr().then(
      () => true,
      () => false,
    );
    return { pdf, ocr: ocrReady };
  },
  async parse(bytes, declaredType, onProgress, options) {
    try {
      return await parseResumeBytes(bytes, env, { declaredType, onProgress: (p) => void onProgress(p), layout: options?.layout === true });
    } catch (error) {
      // Only name and message survive the trip to the page: the code rides in the message.
      throw new Error(encodeParseError(toResumeParseError(error)));
    }
  },
};

Comlink.expose(api);
