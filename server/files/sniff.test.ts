import { Document, Packer, Paragraph } from 'docx';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { DOCX_TYPE, isDocx, sniffContentType } from './sniff';
import { buildZip, MINIMAL_DOCX_ENTRIES } from './zip-fixture';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('sniffContentType', () => {
  it('knows a real PDF and a real DOCX', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage();
    expect(sniffContentType(await pdf.save())).toBe('application/pdf');
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('Hello')] }] }));
    expect(sniffContentType(new Uint8Array(docx))).toBe(DOCX_TYPE);
  });

  it('knows PNG and JPEG by their signatures', () => {
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
    expect(sniffContentType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16))).toBe('image/jpeg');
  });

  it('refuses everything else', () => {
    expect(sniffContentType(new Uint8Array())).toBeNull();
    expect(sniffContentType(new TextEncoder().encode('MZ\x90\x00 This program cannot be run in DOS mode'))).toBeNull();
    expect(sniffContentType(new TextEncoder().encode('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffContentType(new TextEncoder().encode(' %PDF-1.7'))).toBeNull();
    expect(sniffContentType(bytes(0x89, 0x50, 0x4e, 0x47))).toBeNull();
  });
});

describe('isDocx', () => {
  it('wants both [Content_Types].xml and a word/ part in the central directory', () => {
    expect(isDocx(buildZip(MINIMAL_DOCX_ENTRIES))).toBe(true);
    expect(isDocx(buildZip({ 'word/document.xml': '<x/>' }))).toBe(false);
    expect(isDocx(buildZip({ '[Content_Types].xml': '<x/>', 'xl/workbook.xml': '<x/>' }))).toBe(false);
    expect(isDocx(buildZip({ 'notes.txt': 'word/ [Content_Types].xml' }))).toBe(false);
  });

  it('finds the end record behind an archive comment', () => {
    expect(isDocx(buildZip(MINIMAL_DOCX_ENTRIES, { comment: 'x'.repeat(1000) }))).toBe(true);
  });

  it('refuses truncated and tampered archives without reading out of bounds', () => {
    const zip = buildZip(MINIMAL_DOCX_ENTRIES);
    for (let cut = 1; cut < zip.length; cut += 7) expect(isDocx(zip.subarray(0, cut))).toBe(false);

    const endAt = zip.length - 22;
    const withDirectoryOffset = (value: number) => {
      const copy = zip.slice();
      new DataView(copy.buffer).setUint32(endAt + 16, value, true);
      return copy;
    };
    expect(isDocx(withDirectoryOffset(0xffffffff))).toBe(false);
    expect(isDocx(withDirectoryOffset(zip.length))).toBe(false);
    expect(isDocx(withDirectoryOffset(1))).toBe(false);

    const tooMany = zip.slice();
    new DataView(tooMany.buffer).setUint16(endAt + 8, 0xffff, true);
    new DataView(tooMany.buffer).setUint16(endAt + 10, 0xffff, true);
    expect(isDocx(tooMany)).toBe(false);

    // A name length running past the directory.
    const longName = zip.slice();
    const directoryOffset = new DataView(zip.buffer).getUint32(endAt + 16, true);
    new DataView(longName.buffer).setUint16(directoryOffset + 28, 0xfff0, true);
    expect(isDocx(longName)).toBe(false);
  });

  it('survives random bytes after a ZIP signature', () => {
    let seed = 7;
    for (let round = 0; round < 200; round += 1) {
      const noise = new Uint8Array(64 + (round % 50) * 13);
      for (let i = 0; i < noise.length; i += 1) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        noise[i] = seed >>> 24;
      }
      noise.set([0x50, 0x4b, 0x03, 0x04], 0);
      noise.set([0x50, 0x4b, 0x05, 0x06], noise.length - 22);
      expect(() => isDocx(noise)).not.toThrow();
    }
  });
});
