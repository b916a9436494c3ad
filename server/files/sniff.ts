/**
 * What a stored file really is, read from its bytes: the declared Content-Type
 * is only accepted when it agrees. Only the four kinds a resume comes in pass.
 */

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const FILE_KINDS = {
  'application/pdf': { extension: 'pdf' },
  [DOCX_TYPE]: { extension: 'docx' },
  'image/png': { extension: 'png' },
  'image/jpeg': { extension: 'jpg' },
} as const;

export type StoredContentType = keyof typeof FILE_KINDS;

export function isStoredContentType(value: string): value is StoredContentType {
  return Object.hasOwn(FILE_KINDS, value);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

export function sniffContentType(bytes: Uint8Array): StoredContentType | null {
  // "%PDF-": readers accept a little junk before it, but a file we serve back should start clean.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(bytes, PNG_SIGNATURE)) return 'image/png';
  // SOI then the first marker's 0xFF.
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (isDocx(bytes)) return DOCX_TYPE;
  return null;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const CENTRAL_HEADER_SIZE = 46;
/** A Word document has a few dozen parts; far more means something else. */
const MAX_ENTRIES = 5000;

/**
 * A DOCX is a ZIP whose central directory lists `[Content_Types].xml` and
 * parts under `word/`. The directory is read from the end record, every
 * offset checked against the buffer, so a crafted archive cannot make this
 * read out of bounds or loop for long. ZIP64 is refused: no resume needs it.
 */
export function isDocx(bytes: Uint8Array): boolean {
  if (bytes.length < EOCD_SIZE + 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== LOCAL_HEADER) return false;

  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return false;
  const diskNumber = view.getUint16(eocd + 4, true);
  const directoryDisk = view.getUint16(eocd + 6, true);
  const entriesOnDisk = view.getUint16(eocd + 8, true);
  const entries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (diskNumber !== 0 || directoryDisk !== 0 || entriesOnDisk !== entries) return false;
  if (entries === 0 || entries === 0xffff || entries > MAX_ENTRIES) return false;
  if (directoryOffset === 0xffffffff || directorySize === 0xffffffff) return false;
  if (directoryOffset + directorySize > eocd) return false;

  let contentTypes = false;
  let wordPart = false;
  let position = directoryOffset;
  const end = directoryOffset + directorySize;
  for (let i = 0; i < entries; i += 1) {
    if (position + CENTRAL_HEADER_SIZE > end) return false;
    if (view.getUint32(position, true) !== CENTRAL_HEADER) return false;
    const nameLength = view.getUint16(position + 28, true);
    const extraLength = view.getUint16(position + 30, true);
    const commentLength = view.getUint16(position + 32, true);
    const localOffset = view.getUint32(position + 42, true);
    const nameStart = position + CENTRAL_HEADER_SIZE;
    const next = nameStart + nameLength + extraLength + commentLength;
    if (next > end || nameLength === 0) return false;
    if (localOffset + 4 > directoryOffset || view.getUint32(localOffset, true) !== LOCAL_HEADER) return false;
    const name = asciiName(bytes.subarray(nameStart, nameStart + nameLength));
    if (name === '[Content_Types].xml') contentTypes = true;
    else if (name.startsWith('word/') && name.length > 'word/'.length) wordPart = true;
    position = next;
  }
  return contentTypes && wordPart;
}

function findEndOfCentralDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - EOCD_SIZE - MAX_COMMENT);
  for (let at = view.byteLength - EOCD_SIZE; at >= lowest; at -= 1) {
    if (view.getUint32(at, true) !== END_OF_CENTRAL_DIRECTORY) continue;
    // The comment must run exactly to the end of the file, or this is a false match inside data.
    if (at + EOCD_SIZE + view.getUint16(at + 20, true) === view.byteLength) return at;
  }
  return -1;
}

/** Names we look for are ASCII; anything else just never matches. */
function asciiName(bytes: Uint8Array): string {
  let name = '';
  for (const byte of bytes) name += byte < 0x80 ? String.fromCharCode(byte) : '\ufffd';
  return name;
}
