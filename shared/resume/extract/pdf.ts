import type { DocumentInitParameters, TextItem } from 'pdfjs-dist/types/src/display/api';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist';
import type { Deadline } from './deadline';
import { ResumeParseError } from './errors';
import { rgbaToPgm } from './pgm';
import { readingOrder } from './columns';
import { buildLines, type PositionedText } from './lines';
import type { OcrEngine, ProgressSink } from './pipeline-types';
import { layoutFacts } from '../../match/ats-check-layout';
import type { AtsLayoutFacts } from '../../match/ats-check-types';

/** What an environment (browser worker, Node) provides for PDFs. */
export interface PdfEnv {
  getDocument(params: DocumentInitParameters): PDFDocumentLoadingTask;
  /**
   * Environment-specific options: wasm/font URLs, worker fetch, and in a web
   * worker a `CanvasFactory` on OffscreenCanvas (pdf.js's default one needs a document).
   */
  params?: Partial<DocumentInitParameters>;
}

interface CanvasAndContext {
  canvas: unknown;
  context: CanvasRenderingContext2D;
}
interface CanvasFactoryLike {
  create(width: number, height: number): CanvasAndContext;
  destroy(canvasAndContext: CanvasAndContext): void;
}

/**
 * Renders a page for OCR through the document's own canvas factory: in Node
 * that is pdf.js's @napi-rs/canvas (mixing in another copy of that library
 * crashes the process), in the worker the OffscreenCanvas factory given in params.
 */
async function renderGrey(doc: PDFDocumentProxy, page: PDFPageProxy, scale: number): Promise<Uint8Array> {
  const factory = (doc as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
  const viewport = page.getViewport({ scale });
  const width = Math.ceil(viewport.width);
  const height = Math.ceil(viewport.height);
  const target = factory.create(width, height);
  try {
    target.context.fillStyle = '#ffffff';
    target.context.fillRect(0, 0, width, height);
    const rendering = page.render({ canvas: target.canvas as HTMLCanvasElement, canvasContext: target.context, viewport });
    // Destroying the document on timeout or cancel rejects this render; that outcome is already reported.
    rendering.promise.catch(() => undefined);
    await rendering.promise;
    return rgbaToPgm(target.context.getImageData(0, 0, width, height).data, width, height);
  } finally {
    factory.destroy(target);
  }
}

export interface PdfText {
  text: string;
  pages: number;
  ocrPages: number;
  layout?: AtsLayoutFacts;
}

/**
 * pdf.js operator codes that draw an image (OPS.paintImageMaskXObject,
 * paintImageXObject, paintInlineImageXObject). Written out because this module
 * only gets pdf.js through the environment (browser and Node builds differ);
 * pdf-image-ops.test.ts holds them to pdf.js's own table.
 */
export const IMAGE_OPS: ReadonlySet<number> = new Set([83, 85, 86]);

/** Safety settings that apply whatever the environment. */
export const SAFE_PDF_PARAMS = {
  enableXfa: false,
  isEvalSupported: false,
  // A 300 dpi A4 scan is 8.7 Mpx; 40 Mpx leaves room and refuses decompression bombs (a 40000² image is 1.6 Gpx).
  maxImageSize: 40_000_000,
  disableFontFace: true,
  stopAtErrors: false,
} satisfies Partial<DocumentInitParameters>;

/** Scans come at 150-300 dpi; measured on the fixtures, 200 dpi gave the lowest CER across them (1% or less), 250 and 300 broke the two-column or the table layout. */
const OCR_DPI = 200;
/** No canvas larger than this, whatever the page size claims (a poster-sized page must not allocate gigabytes). */
const MAX_RENDER_PIXELS = 16_000_000;

export function ocrScale(widthPt: number, heightPt: number): number {
  const scale = OCR_DPI / 72;
  const pixels = widthPt * heightPt * scale * scale;
  return pixels > MAX_RENDER_PIXELS ? Math.sqrt(MAX_RENDER_PIXELS / (widthPt * heightPt)) : scale;
}

function toPositioned(items: readonly unknown[]): PositionedText[] {
  const out: PositionedText[] = [];
  for (const raw of items) {
    const item = raw as Partial<TextItem>;
    if (typeof item.str !== 'string' || !item.transform) continue;
    out.push({
      str: item.str,
      x: item.transform[4] ?? 0,
      y: item.transform[5] ?? 0,
      width: item.width ?? 0,
      height: item.height ?? 0,
      hasEOL: item.hasEOL ?? false,
    });
  }
  return out;
}

export async function extractPdf(
  bytes: Uint8Array,
  env: PdfEnv,
  ocr: () => Promise<OcrEngine>,
  deadline: Deadline,
  progress: ProgressSink,
  maxPages: number,
  withLayout = false,
): Promise<PdfText> {
  // pdf.js takes ownership of (and may detach) the buffer it is given.
  const task = env.getDocument({ ...env.params, ...SAFE_PDF_PARAMS, data: bytes.slice() });
  deadline.onStop(() => task.destroy());
  const doc = await deadline.race(task.promise);
  const pages = doc.numPages;
  if (pages > maxPages) throw new ResumeParseError('too-many-pages', `The document has ${pages} pages; at most ${maxPages} can be read.`);
  if (pages < 1) throw new ResumeParseError('empty');

  const texts: string[] = [];
  let ocrPages = 0;
  // Layout facts (for the ATS check) come from the text pages only: a scan's layout is OCR's guess.
  const positionedPages: PositionedText[][] = [];
  let images = 0;
  for (let n = 1; n <= pages; n++) {
    progress({ stage: 'text', page: n, pages }, (n - 1) / pages);
    const page = await deadline.race(doc.getPage(n));
    const content = await deadline.race(withinPageBudget(page.getTextContent(), n));
    const positioned = toPositioned(content.items);
    // Layout facts read the page as laid out; the lines follow the reading order.
    let lines = buildLines(readingOrder(positioned));
    // No text at all marks a scanned page reliably; a few stray characters do not count as a text layer.
    if (lines.join('').replace(/\s/g, '').length < 3) {
      progress({ stage: 'ocr', page: n, pages }, (n - 1) / pages);
      const view = page.getViewport({ scale: 1 });
      // The engine starts (its own thread, model loading) while this thread renders the page.
      const starting = ocr();
      const image = await deadline.race(renderGrey(doc, page, ocrScale(view.width, view.height)));
      const engine = await deadline.race(starting);
      // A page takes seconds to recognise: the bar moves within it too.
      const onOcr = (f: number) => progress({ stage: 'ocr', page: n, pages }, (n - 1 + f) / pages);
      lines = splitLines(await deadline.race(engine.recognize(image, onOcr)));
      ocrPages++;
    } else if (withLayout) {
      positionedPages.push(positioned);
      // The operator list is what rendering would draw: images show up there, not in the text.
      const operators = await deadline.race(withinPageBudget(page.getOperatorList(), n));
      images += operators.fnArray.filter((op) => IMAGE_OPS.has(op)).length;
    }
    page.cleanup();
    texts.push(lines.join('\n'));
    progress({ stage: lines.length ? 'text' : 'ocr', page: n, pages }, n / pages);
  }
  const text = texts.join('\n\n');
  return withLayout ? { text, pages, ocrPages, layout: { ...layoutFacts(positionedPages), images } } : { text, pages, ocrPages };
}

/**
 * A real page's text comes in milliseconds; a content stream that inflates to
 * hundreds of megabytes takes seconds to minutes. Give up on such a page early.
 */
const PAGE_TEXT_BUDGET_MS = 10_000;

async function withinPageBudget<T>(step: Promise<T>, page: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ResumeParseError('timeout', `Page ${page} took more than ${PAGE_TEXT_BUDGET_MS / 1000} s to read and was stopped.`)),
      PAGE_TEXT_BUDGET_MS,
    );
  });
  try {
    return await Promise.race([step, budget]);
  } finally {
    clearTimeout(timer);
  }
}

export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter(Boolean);
}
