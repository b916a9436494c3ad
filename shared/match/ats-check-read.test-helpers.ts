import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PositionedText } from '../resume/extract/lines';
import type { AtsLayoutFacts } from './ats-check';
import { layoutFacts } from './ats-check-layout';

/**
 * The layout facts of a PDF as pdf.js reads it (for the tests, until the
 * resume reader reports them): positioned text items, and the images the
 * pages draw.
 */
const IMAGE_OPS = new Set<number>([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);

export async function pdfLayout(bytes: Uint8Array): Promise<AtsLayoutFacts> {
  const doc = await getDocument({ data: bytes.slice(), verbosity: 0, isEvalSupported: false }).promise;
  try {
    const pages: PositionedText[][] = [];
    let images = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(content.items.flatMap((i) => ('str' in i ? [{ str: i.str, x: i.transform[4] as number, y: i.transform[5] as number, width: i.width, height: i.height }] : [])));
      images += (await page.getOperatorList()).fnArray.filter((op) => IMAGE_OPS.has(op)).length;
    }
    return { ...layoutFacts(pages), images };
  } finally {
    await doc.destroy();
  }
}
