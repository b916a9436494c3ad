import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { ParsedResume } from '../parsed-resume';
import { type AtsBlock, atsBlocks } from './ats-blocks';
import { toWinAnsi } from './win-ansi';

/**
 * The ATS PDF: one column of real text in a standard font, drawn top to
 * bottom in reading order (text extraction follows drawing order), no
 * tables, images or text boxes. Runs in the browser and in Node.
 */

// A4 in points; ATS readers do not mind the paper size.
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN_X = 54;
const MARGIN_TOP = 54;
const MARGIN_BOTTOM = 54;
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const BULLET_INDENT = 14;

interface TextStyle {
  font: 'regular' | 'bold';
  size: number;
  lineHeight: number;
  color?: number;
}

const STYLES = {
  name: { font: 'bold', size: 18, lineHeight: 22 },
  contact: { font: 'regular', size: 10, lineHeight: 13 },
  heading: { font: 'bold', size: 12, lineHeight: 15 },
  entryTitle: { font: 'bold', size: 10.5, lineHeight: 14 },
  entryMeta: { font: 'regular', size: 10, lineHeight: 13, color: 0.25 },
  body: { font: 'regular', size: 10.5, lineHeight: 14 },
} satisfies Record<string, TextStyle>;

/** Greedy word wrap; a word wider than the line (a long URL) is cut where it must be. */
export function wrapText(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= width) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (measure(rest) > width) {
      const chars = Array.from(rest);
      let fit = 1;
      while (fit < chars.length && measure(chars.slice(0, fit + 1).join('')) <= width) fit += 1;
      lines.push(chars.slice(0, fit).join(''));
      rest = chars.slice(fit).join('');
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

class PdfWriter {
  private page!: PDFPage;
  private y = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
    private readonly encodable: ReadonlySet<number>,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    this.y = PAGE_HEIGHT - MARGIN_TOP;
  }

  /** Breaks the page unless `height` more fits; keeps a heading or an entry with what follows it. */
  ensureSpace(height: number): void {
    if (this.y - height < MARGIN_BOTTOM && this.y < PAGE_HEIGHT - MARGIN_TOP) this.newPage();
  }

  gap(points: number): void {
    // Space at the top of a page is wasted; skip it there.
    if (this.y < PAGE_HEIGHT - MARGIN_TOP) this.y -= points;
  }

  lines(text: string, style: TextStyle, indent = 0): string[] {
    const font = this.fonts[style.font];
    return wrapText(toWinAnsi(text, this.encodable), CONTENT_WIDTH - indent, (t) => font.widthOfTextAtSize(t, style.size));
  }

  draw(lines: readonly string[], style: TextStyle, options: { indent?: number; marker?: string } = {}): void {
    const font = this.fonts[style.font];
    const indent = options.indent ?? 0;
    const color = rgb(style.color ?? 0, style.color ?? 0, style.color ?? 0);
    lines.forEach((line, index) => {
      this.ensureSpace(style.lineHeight);
      const baseline = this.y - style.size;
      if (index === 0 && options.marker) {
        this.page.drawText(options.marker, { x: MARGIN_X + 3, y: baseline, size: style.size, font, color });
      }
      this.page.drawText(line, { x: MARGIN_X + indent, y: baseline, size: style.size, font, color });
      this.y -= style.lineHeight;
    });
  }

  rule(): void {
    this.page.drawLine({
      start: { x: MARGIN_X, y: this.y - 1 },
      end: { x: PAGE_WIDTH - MARGIN_X, y: this.y - 1 },
      thickness: 0.6,
      color: rgb(0.55, 0.55, 0.55),
    });
    this.y -= 5;
  }
}

function firstLineHeight(block: AtsBlock | undefined): number {
  if (!block) return 0;
  if (block.kind === 'entry') return STYLES.entryTitle.lineHeight + (block.meta ? STYLES.entryMeta.lineHeight : 0) + STYLES.body.lineHeight;
  return STYLES.body.lineHeight;
}

export async function buildAtsPdf(resume: ParsedResume): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  const inBold = new Set(fonts.bold.getCharacterSet());
  const encodable = new Set(fonts.regular.getCharacterSet().filter((code) => inBold.has(code)));
  const writer = new PdfWriter(doc, fonts, encodable);
  const blocks = atsBlocks(resume);

  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    switch (block.kind) {
      case 'name':
        writer.draw(writer.lines(block.text, STYLES.name), STYLES.name);
        writer.gap(2);
        break;
      case 'contact':
        writer.draw(writer.lines(block.text, STYLES.contact), STYLES.contact);
        break;
      case 'heading':
        writer.gap(12);
        writer.ensureSpace(STYLES.heading.lineHeight + 6 + firstLineHeight(next));
        writer.draw([toWinAnsi(block.text, encodable)], STYLES.heading);
        writer.rule();
        writer.gap(2);
        break;
      case 'entry': {
        writer.gap(5);
        const title = block.title ? writer.lines(block.title, STYLES.entryTitle) : [];
        const meta = block.meta ? writer.lines(block.meta, STYLES.entryMeta) : [];
        writer.ensureSpace(title.length * STYLES.entryTitle.lineHeight + meta.length * STYLES.entryMeta.lineHeight + STYLES.body.lineHeight);
        writer.draw(title, STYLES.entryTitle);
        writer.draw(meta, STYLES.entryMeta);
        writer.gap(2);
        break;
      }
      case 'paragraph':
        writer.draw(writer.lines(block.text, STYLES.body), STYLES.body);
        writer.gap(2);
        break;
      case 'bullet': {
        const lines = writer.lines(block.text, STYLES.body, BULLET_INDENT);
        // A short bullet stays on one page; a long one may split, but never leaves a single line behind.
        writer.ensureSpace((lines.length <= 3 ? lines.length : 2) * STYLES.body.lineHeight);
        writer.draw(lines, STYLES.body, { indent: BULLET_INDENT, marker: '•' });
        writer.gap(1);
        break;
      }
    }
  });

  const name = blocks.find((block) => block.kind === 'name')?.text;
  doc.setTitle(name ? `${name} – Resume` : 'Resume');
  if (name) doc.setAuthor(name);
  doc.setSubject('Resume');
  doc.setCreator('TrackRuit');
  doc.setProducer('TrackRuit ATS export (pdf-lib)');
  doc.setLanguage('en');
  return doc.save();
}
