/**
 * Layout facts for the ATS check, from the positioned text items a PDF reader
 * gives (pdf.js `getTextContent`, as shared/resume/extract/lines.ts takes
 * them), page by page. Pure, so the reader can call it where it already has
 * the items. Two questions only: are there columns side by side, and rows laid
 * out as table cells.
 */
import type { PositionedText } from '../resume/extract/lines';
import type { AtsLayoutFacts } from './ats-check-types';

interface Row {
  y: number;
  items: PositionedText[];
}

/** Items on one baseline (within half a line) form a row, top to bottom, left to right. */
function rowsOf(items: readonly PositionedText[]): Row[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Row[] = [];
  for (const item of sorted) {
    const last = rows.at(-1);
    if (last && Math.abs(last.y - item.y) <= Math.max(item.height, 4) * 0.5) last.items.push(item);
    else rows.push({ y: item.y, items: [item] });
  }
  for (const row of rows) row.items.sort((a, b) => a.x - b.x);
  return rows;
}

/** Cells of a row: runs of items separated by gaps wider than one and a half times the text size. */
function cellCount(row: Row): number {
  let cells = 1;
  for (let i = 1; i < row.items.length; i++) {
    const prev = row.items[i - 1]!;
    const size = Math.max(prev.height, row.items[i]!.height, 4);
    if (row.items[i]!.x - (prev.x + prev.width) > size * 1.5) cells++;
  }
  return cells;
}

const MIN_GUTTER = 12;
const MIN_COLUMN_ROWS = 3;

/**
 * Whether a page has two text flows side by side: a vertical gutter that
 * (almost) no narrower-than-the-page item crosses, with text on both sides,
 * and each side holding lines the other has no line beside. A right-aligned
 * date next to each role shares every baseline with the left side, so it is no
 * column. A name and a subtitle across the top of a sidebar layout cross the
 * gutter: a few crossings are allowed.
 */
function hasColumns(items: readonly PositionedText[]): boolean {
  if (items.length === 0) return false;
  const left = Math.min(...items.map((i) => i.x));
  const right = Math.max(...items.map((i) => i.x + i.width));
  const extent = right - left;
  // A PDF page is at most 14,400 units wide; anything wider is a broken or hostile file, not a layout.
  if (extent <= MIN_GUTTER * 3 || extent > 20_000) return false;
  // Full-width lines (a contact line across the top) cross any gutter: they do not decide.
  const narrow = items.filter((i) => i.width < extent * 0.55);
  const crossing = new Uint16Array(Math.ceil(extent) + 1);
  for (const i of narrow) for (let x = Math.max(0, Math.floor(i.x - left)); x < Math.min(crossing.length, Math.ceil(i.x + i.width - left)); x++) crossing[x]! += 1;
  const allowed = Math.max(2, Math.floor(narrow.length * 0.05));
  // Every gap wide enough is a candidate: the widest may be the ragged right edge of a column.
  for (let x = Math.floor(extent * 0.2); x < extent * 0.8; x++) {
    if (crossing[x]! > allowed) continue;
    let end = x;
    while (end < extent * 0.8 && crossing[end]! <= allowed) end++;
    if (end - x >= MIN_GUTTER && flowsApart(narrow, left + (x + end) / 2)) return true;
    x = end;
  }
  return false;
}

/** Both sides of the split hold lines with no line beside them on the other side. */
function flowsApart(items: readonly PositionedText[], split: number): boolean {
  const leftRows = rowsOf(items.filter((i) => i.x + i.width <= split)).map((r) => r.y);
  const rightRows = rowsOf(items.filter((i) => i.x >= split)).map((r) => r.y);
  const alone = (ys: number[], others: number[]) => ys.filter((y) => !others.some((o) => Math.abs(o - y) <= 2)).length;
  return alone(leftRows, rightRows) >= MIN_COLUMN_ROWS && alone(rightRows, leftRows) >= MIN_COLUMN_ROWS;
}

export function layoutFacts(pages: readonly (readonly PositionedText[])[]): Pick<AtsLayoutFacts, 'columns' | 'tableRows'> {
  let columns = 1;
  let tableRows = 0;
  for (const page of pages) {
    const items = page.filter((i) => i.str.trim() !== '' && Number.isFinite(i.x) && Number.isFinite(i.y) && Number.isFinite(i.width));
    if (hasColumns(items)) columns = 2;
    tableRows += rowsOf(items).filter((row) => cellCount(row) >= 3).length;
  }
  return { columns, tableRows };
}
