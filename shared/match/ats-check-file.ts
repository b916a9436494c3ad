/**
 * The ATS items about the file itself: is there text to read, in what
 * layout, with what characters, how long, of what type and size.
 */
import type { AtsCheckInput, AtsItem, AtsStatus } from './ats-check-types';

/** Many applicant systems refuse uploads over 5 MB, some over 2 MB. */
export const SIZE_WARN_BYTES = 2 * 1024 * 1024;
export const SIZE_FAIL_BYTES = 5 * 1024 * 1024;

const item = (id: AtsItem['id'], status: AtsStatus, detail: string, fix?: string): AtsItem => (fix && status !== 'pass' && status !== 'not-checked' ? { id, status, detail, fix } : { id, status, detail });
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : undefined);

export function checkTextLayer(input: Pick<AtsCheckInput, 'kind' | 'pages' | 'ocrPages'>): AtsItem {
  const fix = 'Export the resume from your editor as a PDF or DOCX ("Save as" / "Export"), not a scan or a photo.';
  if (input.kind === 'image') return item('text-layer', 'fail', 'The file is an image: it has no text, only pixels a parser must guess at.', fix);
  if (input.kind === 'docx') return item('text-layer', 'pass', 'A Word document: its text is real text.');
  const pages = count(input.pages);
  const ocr = count(input.ocrPages);
  if (pages === undefined || ocr === undefined) return item('text-layer', 'not-checked', 'The reader did not report which pages had text.');
  if (ocr >= pages) return item('text-layer', 'fail', 'No page has a text layer: the PDF is a scan, and was read by OCR.', fix);
  if (ocr > 0) return item('text-layer', 'warn', `${ocr} of ${pages} pages have no text layer (scanned) and were read by OCR.`, fix);
  return item('text-layer', 'pass', `Every page (${pages}) has a text layer.`);
}

export function checkImagesOfText(input: Pick<AtsCheckInput, 'kind' | 'pages' | 'ocrPages' | 'layout'>): AtsItem {
  const fix = 'Write everything as text: no name, headings, skill bars or contact details as pictures.';
  const ocr = count(input.ocrPages) ?? 0;
  if (input.kind === 'image' || ocr > 0) return item('images-of-text', 'fail', input.kind === 'image' ? 'The whole resume is an image of text.' : `${ocr} ${ocr === 1 ? 'page is an image' : 'pages are images'} of text.`, fix);
  const images = count(input.layout?.images);
  // Whole pages are known from OCR; pictures inside a text page only when the reader reports them.
  if (images === undefined) return item('images-of-text', 'not-checked', 'No page is a scan; images inside pages were not reported by the reader.');
  if (images > 0) return item('images-of-text', 'warn', `${images} ${images === 1 ? 'image' : 'images'} on text pages: any text in them is invisible to a parser.`, fix);
  return item('images-of-text', 'pass', 'No images on the pages.');
}

export function checkColumnsAndTables(input: Pick<AtsCheckInput, 'kind' | 'layout'>): AtsItem {
  const columns = count(input.layout?.columns);
  const rows = count(input.layout?.tableRows);
  if (columns === undefined && rows === undefined) return item('columns-tables', 'not-checked', 'The reader did not report the page layout.');
  const found = [columns !== undefined && columns > 1 && `${columns} columns side by side`, rows !== undefined && rows > 0 && `${rows} table ${rows === 1 ? 'row' : 'rows'}`].filter((f): f is string => !!f);
  if (found.length) return item('columns-tables', 'warn', `Found ${found.join(' and ')}: many parsers read across columns and cells, mixing their text.`, 'Use a single column and plain lines instead of tables; put dates on the line with the role.');
  const unknown = columns === undefined ? ' (columns not reported)' : rows === undefined ? ' (tables not reported)' : '';
  return item('columns-tables', 'pass', `One column, no tables${unknown}.`);
}

/** Characters in the text read that stand for glyphs with no mapping: the replacement character, private-use code points, control codes, "(cid:12)". */
// eslint-disable-next-line no-control-regex
const UNMAPPED = /[\ufffd\ue000-\uf8ff\u0000-\u0008\u000b\u000c\u000e-\u001f]|\(cid:\d+\)/gu;

export function checkUnmappedCharacters(input: Pick<AtsCheckInput, 'text' | 'layout'>): AtsItem {
  const inText = (input.text.match(UNMAPPED) ?? []).length;
  const glyphs = count(input.layout?.unmappedGlyphs) ?? 0;
  const total = inText + glyphs;
  const fix = 'Use a standard font (Arial, Calibri, Times, Georgia) and re-export; avoid icon fonts for bullets, phone and email symbols.';
  if (total === 0) return item('unmapped-characters', 'pass', 'Every character read maps to text.');
  const letters = input.text.replace(/\s/g, '').length || 1;
  const detail = `${total} ${total === 1 ? 'character does' : 'characters do'} not map to text.`;
  // A few icon glyphs cost little; a font without a map garbles whole words.
  return item('unmapped-characters', total / letters > 0.01 || total > 20 ? 'fail' : 'warn', detail, fix);
}

export function checkLength(input: Pick<AtsCheckInput, 'text' | 'pages'>): AtsItem {
  const words = input.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const pages = count(input.pages);
  const detail = `${words} words${pages !== undefined ? ` on ${pages} ${pages === 1 ? 'page' : 'pages'}` : ''}.`;
  if (words < 150) return item('length', 'fail', `${detail} Too little to match against a job.`, 'Add your roles, results and skills: most resumes run 300-900 words.');
  const tooLong = (pages !== undefined && pages > 2) || words > 1100;
  if (tooLong || words < 250) return item('length', 'warn', detail, tooLong ? 'Keep to one or two pages (up to about 1,000 words): cut older roles to a line each.' : 'A resume under 250 words leaves out results and skills a job asks for.');
  return item('length', 'pass', detail);
}

export function checkFileTypeAndSize(input: Pick<AtsCheckInput, 'kind' | 'bytes'>): AtsItem {
  const bytes = count(input.bytes);
  const size = bytes === undefined ? '' : ` of ${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
  if (input.kind === 'image') return item('file-type-size', 'fail', `An image${size}: applicant systems take PDF or DOCX.`, 'Upload a PDF or DOCX exported from your editor.');
  if (bytes === undefined) return item('file-type-size', 'not-checked', 'The file size was not given.');
  const type = input.kind === 'pdf' ? 'A PDF' : 'A Word document';
  if (bytes > SIZE_FAIL_BYTES) return item('file-type-size', 'fail', `${type}${size}: above the 5 MB many systems accept.`, 'Re-export without embedded images and with fonts subset; aim under 1 MB.');
  if (bytes > SIZE_WARN_BYTES) return item('file-type-size', 'warn', `${type}${size}: some systems refuse files over 2 MB.`, 'Re-export without embedded images; aim under 1 MB.');
  return item('file-type-size', 'pass', `${type}${size}.`);
}
