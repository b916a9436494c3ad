/**
 * The resume-parsing web worker: one per file, started by parse-resume-file.ts
 * from an extension page. pdf.js runs its own nested worker, tesseract.js its
 * own too; everything is loaded from files shipped in the extension.
 */
import * as Comlink from 'comlink';
import * as pdfjs from 'pdfjs-dist';
import { createWorker, OEM, PSM } from 'tesseract.js';
import { encodeParseError, ResumeParseError } from '../../shared/resume/extract/errors';
import { parseResumeBytes, type ExtractEnv } from '../../shared/resume/extract/pipeline';
import { ocrProgressRouter } from '../../shared/resume/extract/ocr-progress';
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
  startOcr: startBrowserOcr,
};

export interface ParseWorkerApi {
  parse(bytes: Uint8Array, declaredType: string, onProgress: (p: ParseProgress) => void): Promise<ParseOutcome>;
}

const api: ParseWorkerApi = {
  async parse(bytes, declaredType, onProgress) {
    try {
      return await parseResumeBytes(bytes, env, { declaredType, onProgress: (p) => void onProgress(p) });
    } catch (error) {
      // Only name and message survive the trip to the page: the code rides in the message.
      throw new Error(encodeParseError(toResumeParseError(error)));
    }
  },
};

Comlink.expose(api);
