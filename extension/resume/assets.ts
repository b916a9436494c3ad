/**
 * Where the parsing engines' files sit inside the built extension. wxt.config.ts
 * copies them there from node_modules at build time; nothing is fetched from
 * the network at run time.
 */
export const RESUME_ASSET_DIR = 'resume-engine';

/** Destination (relative to RESUME_ASSET_DIR) → package file it is copied from. */
export const RESUME_ASSETS: Readonly<Record<string, string>> = {
  // pdf.js's own worker, and its wasm decoders for JPEG 2000 and JBIG2 scans and ICC colours.
  'pdfjs/pdf.worker.min.mjs': 'pdfjs-dist/build/pdf.worker.min.mjs',
  'pdfjs/wasm/openjpeg.wasm': 'pdfjs-dist/wasm/openjpeg.wasm',
  'pdfjs/wasm/jbig2.wasm': 'pdfjs-dist/wasm/jbig2.wasm',
  'pdfjs/wasm/qcms_bg.wasm': 'pdfjs-dist/wasm/qcms_bg.wasm',
  // tesseract.js: its worker and one core (SIMD, LSTM only: every browser the extension supports has SIMD).
  // The core's glue loads its .wasm from the worker's own folder, so they sit together.
  'tesseract/worker.min.js': 'tesseract.js/dist/worker.min.js',
  'tesseract/tesseract-core-simd-lstm.js': 'tesseract.js-core/tesseract-core-simd-lstm.js',
  'tesseract/tesseract-core-simd-lstm.wasm': 'tesseract.js-core/tesseract-core-simd-lstm.wasm',
  // English, best_int: same output as the 10.9 MB model at 2.95 MB.
  'tesseract/lang/eng.traineddata.gz': '@tesseract.js-data/eng/4.0.0_best_int/eng.traineddata.gz',
};

/** Absolute URL of a shipped asset, from any extension page or worker. */
export function resumeAssetUrl(relative: string): string {
  return new URL(`/${RESUME_ASSET_DIR}/${relative}`, self.location.origin).href;
}
