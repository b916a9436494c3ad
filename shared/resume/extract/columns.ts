/**
 * Reading order for pages laid out in two columns. Most generators write a
 * column at a time, and the content order is then already the reading order
 * (lines.ts keeps it). Some write the page top to bottom across both columns
 * (positioned text boxes, some HTML-to-PDF tools): their lines interleave, a
 * sidebar's skills landing between a role's bullets. Such a page is read as
 * what lies above the columns, then the left column, then the right one, then
 * what lies below them.
 */
import type { PositionedText } from './lines';

const MIN_GUTTER = 12;
/** Lines each column must have with no line of the other column on its baseline: right-aligned dates and table rows share every baseline. */
const MIN_ALONE_ROWS = 3;
/** Back-and-forth moves between the columns in content order above which the content order is not the reading order. */
const MAX_SWITCHES = 2;

function rowBaselines(items: readonly PositionedText[]): number[] {
  const ys = [...new Set(items.map((i) => Math.round(i.y)))].sort((a, b) => b - a);
  return ys.filter((y, k) => k === 0 || Math.abs(ys[k - 1]! - y) > 2);
}

/** Rows of one side with no row of the other side on their baseline. */
function aloneRows(side: readonly PositionedText[], other: readonly PositionedText[]): number {
  const others = rowBaselines(other);
  return rowBaselines(side).filter((y) => !others.some((o) => Math.abs(o - y) <= 2)).length;
}

/**
 * The x of the gutter between two columns, if the page has one: a vertical
 * band at least MIN_GUTTER wide, in the middle three fifths of the text, that
 * (almost) no item narrower than the page crosses, with flows of their
 * own on both sides.
 */
export function columnSplit(items: readonly PositionedText[]): number | undefined {
  if (items.length < 2 * MIN_ALONE_ROWS) return undefined;
  const left = Math.min(...items.map((i) => i.x));
  const right = Math.max(...items.map((i) => i.x + i.width));
  const extent = right - left;
  // A PDF page is at most 14,400 units wide; anything wider is a broken or hostile file, not a layout.
  if (!(extent > MIN_GUTTER * 3) || extent > 20_000) return undefined;
  // Lines across the whole page (a name, a contact line) cross any gutter: they do not decide.
  const narrow = items.filter((i) => i.width < extent * 0.8);
  // Items over each unit of width, by a difference array: linear in items plus width, whatever the items' widths.
  const crossing = new Int32Array(Math.ceil(extent) + 2);
  for (const i of narrow) {
    crossing[Math.max(0, Math.floor(i.x - left))]! += 1;
    crossing[Math.min(crossing.length - 1, Math.ceil(i.x + i.width - left))]! -= 1;
  }
  for (let x = 1; x < crossing.length; x++) crossing[x]! += crossing[x - 1]!;
  const allowed = Math.max(1, Math.floor(narrow.length * 0.02));
  for (let x = Math.floor(extent * 0.2); x < extent * 0.8; x++) {
    if (crossing[x]! > allowed) continue;
    let end = x;
    while (end < extent * 0.8 && crossing[end]! <= allowed) end++;
    const split = left + (x + end) / 2;
    if (end - x >= MIN_GUTTER) {
      const l = narrow.filter((i) => i.x + i.width <= split);
      const r = narrow.filter((i) => i.x >= split);
      if (aloneRows(l, r) >= MIN_ALONE_ROWS && aloneRows(r, l) >= MIN_ALONE_ROWS) return split;
    }
    x = end;
  }
  return undefined;
}

/** The items in reading order: unchanged unless two columns interleave in the content order. */
export function readingOrder(items: readonly PositionedText[]): readonly PositionedText[] {
  const text = items.filter((i) => i.str.trim() !== '');
  const split = columnSplit(text);
  if (split === undefined) return items;
  const side = (i: PositionedText) => (i.x + i.width <= split ? 'left' : i.x >= split ? 'right' : 'across');
  const leftItems = text.filter((i) => side(i) === 'left');
  const rightItems = text.filter((i) => side(i) === 'right');
  // The band where both columns run; text across the gutter inside it means this is no clean column layout.
  const top = Math.min(Math.max(...leftItems.map((i) => i.y)), Math.max(...rightItems.map((i) => i.y)));
  const bottom = Math.max(Math.min(...leftItems.map((i) => i.y)), Math.min(...rightItems.map((i) => i.y)));
  if (text.some((i) => side(i) === 'across' && i.y <= top && i.y >= bottom)) return items;

  const above: PositionedText[] = [];
  const below: PositionedText[] = [];
  const columns: Record<'left' | 'right', PositionedText[]> = { left: [], right: [] };
  let switches = 0;
  let last: 'left' | 'right' | undefined;
  for (const item of items) {
    const s = side(item);
    if (item.y > top) above.push(item);
    else if (s === 'across') below.push(item);
    else {
      // Blank items (spaces, end-of-line markers) stay with the column they sit in.
      columns[s].push(item);
      if (item.str.trim() !== '') {
        if (last && last !== s) switches++;
        last = s;
      }
    }
  }
  if (switches <= MAX_SWITCHES) return items;
  return [...above, ...columns.left, ...columns.right, ...below];
}
