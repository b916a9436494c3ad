import { docxLayoutFacts } from '../../match/ats-check-docx-layout';
import type { AtsLayoutFacts } from '../../match/ats-check-types';
import { htmlToLines } from './html-lines';

/**
 * DOCX to lines through mammoth's HTML, which keeps headings, list items and
 * table cells apart; with `withLayout`, also the layout facts the ATS check
 * reads from that HTML.
 */
export async function extractDocx(bytes: Uint8Array, withLayout = false): Promise<{ text: string; layout?: AtsLayoutFacts }> {
  // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer.
  const input =
    typeof Buffer === 'undefined'
      ? { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }
      : { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  // Loaded on demand: most resumes are PDFs, and mammoth with its ZIP and XML readers is a third of the worker.
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(input);
  const text = htmlToLines(result.value).join('\n');
  return withLayout ? { text, layout: docxLayoutFacts(result.value) } : { text };
}
