/**
 * Rebuilds lines of text from the positioned text items a PDF engine gives
 * (pdf.js `getTextContent`). Items are kept in content order: resumes laid out
 * in two columns are written column by column, so sorting by y alone would
 * interleave them (CER 44% on the two-column fixture). A new line starts where
 * the engine marks an end of line, where the baseline moves, or where the text
 * jumps back to the left. Items far apart on one baseline (table cells, a
 * right-aligned date) are joined by a tab, so the cell structure survives.
 */
export interface PositionedText {
  str: string;
  /** Baseline origin in PDF units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface OpenLine {
  parts: string[];
  y: number;
  right: number;
  height: number;
}

/** Symbol-font bullets land in the Private Use Area; give them back their meaning. */
const PUA_BULLETS = /[\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0a1]/g;

export function buildLines(items: readonly PositionedText[]): string[] {
  const lines: string[] = [];
  let open: OpenLine | undefined;

  const close = () => {
    if (open) {
      const text = open.parts.join('').replace(/[ \u00a0]+/g, ' ').replace(/ ?\t ?/g, '\t').trim();
      if (text) lines.push(text);
    }
    open = undefined;
  };

  for (const item of items) {
    const str = item.str.replace(PUA_BULLETS, '•');
    const blank = str.trim() === '';
    if (blank) {
      // Zero-width markers only carry the end of a line; spaces keep their width as a gap.
      if (item.hasEOL) close();
      continue;
    }
    const size = item.height > 0 ? item.height : open?.height || 10;
    if (open) {
      const sameBaseline = Math.abs(item.y - open.y) <= Math.max(size, open.height) * 0.5;
      const gap = item.x - open.right;
      if (!sameBaseline || gap < -size) {
        close();
      } else if (gap > size * 1.5) {
        open.parts.push('\t');
      } else if (gap > size * 0.1 && !/\s$/.test(open.parts.at(-1) ?? '') && !/^\s/.test(str)) {
        open.parts.push(' ');
      }
    }
    if (!open) open = { parts: [], y: item.y, right: item.x, height: size };
    open.parts.push(str);
    open.right = Math.max(open.right, item.x + item.width);
    open.height = Math.max(open.height, size);
    if (item.hasEOL) close();
  }
  close();
  return lines;
}
