import { createRequire } from 'node:module';
import path from 'node:path';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import { createWorker, OEM, PSM } from 'tesseract.js';
import type { ExtractEnv } from '../../shared/resume/extract/pipeline';
import { ocrProgressRouter } from '../../shared/resume/extract/ocr-progress';
import type { OcrEngine } from '../../shared/resume/extract/pipeline-types';

/**
 * The Node side of the resume pipeline: pdf.js's legacy build (the modern one
 * needs browser APIs) with its own @napi-rs/canvas to render scanned pages, and
 * tesseract.js with the English best_int model from @tesseract.js-data/eng,
 * read from disk: nothing is fetched.
 */
const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const engRoot = path.dirname(require.resolve('@tesseract.js-data/eng/package.json'));

export const NODE_LANG_PATH = path.join(engRoot, '4.0.0_best_int');

const nodeParams: Partial<DocumentInitParameters> = {
  // pdf.js reads these from disk in Node; paths need their trailing separator.
  standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
  wasmUrl: path.join(pdfjsRoot, 'wasm') + path.sep,
  verbosity: 0,
};

export async function startNodeOcr(): Promise<OcrEngine> {
  const progress = ocrProgressRouter();
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    logger: progress.logger,
    langPath: NODE_LANG_PATH,
    gzip: true,
    cacheMethod: 'none',
  });
  // Mode 3 (automatic layout) keeps the columns of a two-column resume apart; the default 6 interleaves them.
  await worker.setParameters({ tessedit_pageseg_mode: PSM.AUTO });
  return {
    recognize: (image, onProgress) =>
      progress.during(onProgress, async () => (await worker.recognize(Buffer.from(image.buffer, image.byteOffset, image.byteLength))).data.text),
    terminate: () => worker.terminate(),
  };
}

export function nodeExtractEnv(): ExtractEnv {
  return {
    pdf: {
      getDocument: (params) => pdfjs.getDocument(params),
      params: nodeParams,
    },
    startOcr: startNodeOcr,
  };
}

