/**
 * Layout facts for the ATS check from a Word document, read from the HTML
 * mammoth writes for it (what shared/resume/extract/docx.ts already makes).
 * In a DOCX, side-by-side columns are nearly always a borderless table whose
 * cells hold whole sections (a sidebar); a table of one-line cells is a
 * table. Images come out as <img>. Section columns (w:cols) do not reach the
 * HTML, so a DOCX laid out that way reads as one column here.
 */
import type { AtsLayoutFacts } from './ats-check-types';

/** A cell with this many paragraphs or more is a column of text, not a table cell. */
const COLUMN_CELL_BLOCKS = 4;
const BLOCK = /^<(p|h[1-6]|li)\b/i;

export function docxLayoutFacts(html: string): Pick<AtsLayoutFacts, 'columns' | 'tableRows' | 'images'> {
  let columns = 1;
  let tableRows = 0;
  let images = 0;
  // Per open row: the paragraph count of each of its cells (rows nest when tables do).
  const rows: number[][] = [];
  for (const tag of html.match(/<[^>]+>/g) ?? []) {
    const row = rows.at(-1);
    if (/^<img\b/i.test(tag)) images++;
    else if (/^<tr\b/i.test(tag)) rows.push([]);
    else if (/^<t[dh]\b/i.test(tag)) row?.push(0);
    else if (BLOCK.test(tag) && row && row.length > 0) row[row.length - 1]! += 1;
    else if (/^<\/tr>/i.test(tag) && row) {
      rows.pop();
      const wide = row.filter((n) => n >= COLUMN_CELL_BLOCKS).length;
      if (row.length >= 2 && wide >= 1) columns = Math.max(columns, row.length);
      else if (row.length >= 2) tableRows++;
    }
  }
  return { columns, tableRows, images };
}
