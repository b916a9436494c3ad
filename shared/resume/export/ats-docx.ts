import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import type { ParsedResume } from '../parsed-resume';
import { type AtsBlock, atsBlocks } from './ats-blocks';

/**
 * The ATS DOCX: one column, Word's own Title and Heading styles (what ATS
 * parsers look for to find sections), real bullet lists, no tables or text
 * boxes. Unlike the PDF it keeps every character as written. Runs in the
 * browser and in Node (Packer.toArrayBuffer, not toBuffer).
 */

const BULLETS = 'ats-bullets';
const FONT = 'Calibri';

function paragraphFor(block: AtsBlock): Paragraph[] {
  switch (block.kind) {
    case 'name':
      return [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(block.text)] })];
    case 'contact':
      return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: block.text, size: 20 })] })];
    case 'heading':
      return [new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [new TextRun(block.text)] })];
    case 'entry':
      return [
        ...(block.title ? [new Paragraph({ heading: HeadingLevel.HEADING_2, keepNext: true, children: [new TextRun(block.title)] })] : []),
        ...(block.meta ? [new Paragraph({ keepNext: true, spacing: { after: 60 }, children: [new TextRun({ text: block.meta, italics: true, size: 20 })] })] : []),
      ];
    case 'paragraph':
      return [new Paragraph({ spacing: { after: 80 }, children: [new TextRun(block.text)] })];
    case 'bullet':
      return [new Paragraph({ numbering: { reference: BULLETS, level: 0 }, children: [new TextRun(block.text)] })];
  }
}

export async function buildAtsDocx(resume: ParsedResume): Promise<Uint8Array> {
  const blocks = atsBlocks(resume);
  const name = blocks.find((block) => block.kind === 'name')?.text;
  const doc = new Document({
    creator: 'TrackRuit',
    title: name ? `${name} – Resume` : 'Resume',
    subject: 'Resume',
    styles: {
      default: {
        document: { run: { font: FONT, size: 22 } },
        title: { run: { font: FONT, size: 36, bold: true, color: '000000' }, paragraph: { spacing: { after: 40 } } },
        heading1: { run: { font: FONT, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 80 } } },
        heading2: { run: { font: FONT, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 120, after: 0 } } },
      },
    },
    numbering: {
      config: [{
        reference: BULLETS,
        levels: [{
          level: 0,
          format: LevelFormat.BULLET,
          text: '•',
          alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: 360, hanging: 260 } } },
        }],
      }],
    },
    sections: [{
      properties: {
        page: {
          // A4 with 0.75-inch margins, in twentieths of a point.
          size: { width: 11906, height: 16838 },
          margin: { top: 1080, bottom: 1080, left: 1080, right: 1080 },
        },
      },
      children: blocks.flatMap(paragraphFor),
    }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
