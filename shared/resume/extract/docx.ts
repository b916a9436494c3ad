import { htmlToLines } from './html-lines';

/** DOCX to lines through mammoth's HTML, which keeps headings, list items and table cells apart. */
export async function extractDocx(bytes: Uint8Array): Promise<string> {
  // mammoth's Node build reads a Buffer, its browser build an ArrayBuffer.
  const input =
    typeof Buffer === 'undefined'
      ? { arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer }
      : { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
  // Loaded on demand: most resumes are PDFs, and mammoth with its ZIP and XML readers is a third of the worker.
  const { default: mammoth } = await import('mammoth');
  const result = await mammoth.convertToHtml(input);
  return htmlToLines(result.value).join('\n');
}
