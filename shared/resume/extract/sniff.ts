import type { FileKind } from './types';

/**
 * Decides what a file is from its first bytes, never from its name or the
 * type the browser guessed: a renamed PNG must not reach the PDF parser.
 */
export type SniffedKind = FileKind | 'empty' | 'unknown';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b);
}

function indexOfAscii(bytes: Uint8Array, text: string, limit: number): number {
  const codes = [...text].map((c) => c.charCodeAt(0));
  const end = Math.min(bytes.length, limit) - codes.length;
  for (let i = 0; i <= end; i++) if (startsWith(bytes, codes, i)) return i;
  return -1;
}

export function sniffKind(bytes: Uint8Array): SniffedKind {
  if (bytes.length === 0) return 'empty';
  // The PDF header may follow a little junk; readers accept it within the first KB.
  if (indexOfAscii(bytes, '%PDF-', 1024) >= 0) return 'pdf';
  if (startsWith(bytes, PNG)) return 'image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image';
  // A DOCX is a ZIP whose entries include the Word document part.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && indexOfAscii(bytes, 'word/', bytes.length) >= 0) return 'docx';
  return 'unknown';
}

/** What a MIME type or file name claims the file is; undefined when it claims nothing we know. */
export function declaredKind(declared: string | undefined): FileKind | undefined {
  const value = (declared ?? '').trim().toLowerCase();
  if (!value) return undefined;
  if (value === 'application/pdf' || value.endsWith('.pdf')) return 'pdf';
  if (value === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' || value.endsWith('.docx')) return 'docx';
  if (/^image\/(?:png|jpeg|jpg)$/.test(value) || /\.(?:png|jpe?g)$/.test(value)) return 'image';
  return undefined;
}

const KIND_NAMES: Record<FileKind, string> = { pdf: 'a PDF', docx: 'a Word document', image: 'an image' };

/**
 * A file whose name or type says one supported kind while its bytes are
 * another (a PNG renamed to .pdf) is refused: the person should know what they
 * uploaded, and a parser is never handed bytes its caller did not expect.
 */
export function mismatchMessage(content: FileKind, declared: string | undefined): string | undefined {
  const claimed = declaredKind(declared);
  if (!claimed || claimed === content) return undefined;
  return `The file is named or typed as ${KIND_NAMES[claimed]} but its content is ${KIND_NAMES[content]}.`;
}
