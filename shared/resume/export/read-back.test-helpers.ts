import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { expect } from 'vitest';

/** Reads exports back the way other tools would: pdf.js for the PDF, mammoth for the DOCX. */

export interface PdfText {
  pages: number;
  /** All text in content order, white space collapsed. */
  text: string;
  /** The lowest baseline on any page, in points from the bottom. */
  lowestY: number;
}

export async function readPdf(bytes: Uint8Array): Promise<PdfText> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const parts: string[] = [];
    let lowestY = Infinity;
    for (let number = 1; number <= doc.numPages; number += 1) {
      const page = await doc.getPage(number);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        parts.push(item.str);
        if (item.str.trim()) lowestY = Math.min(lowestY, item.transform[5] as number);
      }
    }
    return { pages: doc.numPages, text: collapse(parts.join(' ')), lowestY };
  } finally {
    await doc.destroy();
  }
}

export async function readDocx(bytes: Uint8Array): Promise<{ html: string; text: string }> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { value: html } = await mammoth.convertToHtml({ buffer });
  const { value: raw } = await mammoth.extractRawText({ buffer });
  return { html, text: collapse(raw) };
}

export const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Each expected piece occurs, and after the one before it. */
export function expectInOrder(text: string, expected: readonly string[]): void {
  let from = 0;
  for (const piece of expected) {
    const at = text.indexOf(collapse(piece), from);
    expect(at, `"${piece}" after position ${from} in: ${text.slice(from, from + 200)}…`).toBeGreaterThanOrEqual(0);
    from = at + collapse(piece).length;
  }
}
