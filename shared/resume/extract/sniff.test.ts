import { describe, expect, it } from 'vitest';
import { mismatchMessage, sniffKind } from './sniff';

const ascii = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

describe('sniffKind', () => {
  it('recognises each supported type by its magic bytes', () => {
    expect(sniffKind(ascii('%PDF-1.7\n...'))).toBe('pdf');
    expect(sniffKind(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe('image');
    expect(sniffKind(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image');
    expect(sniffKind(ascii('PK\u0003\u0004....[Content_Types].xml....word/document.xml'))).toBe('docx');
  });

  it('rejects empty files, other ZIPs and unknown bytes', () => {
    expect(sniffKind(new Uint8Array())).toBe('empty');
    expect(sniffKind(ascii('PK\u0003\u0004....xl/workbook.xml'))).toBe('unknown');
    expect(sniffKind(ascii('GIF89a'))).toBe('unknown');
  });

  it('finds a PDF header after a little junk but not deep inside a file', () => {
    expect(sniffKind(ascii('junk%PDF-1.4'))).toBe('pdf');
    expect(sniffKind(ascii(`${'x'.repeat(2000)}%PDF-1.4`))).toBe('unknown');
  });
});

describe('mismatchMessage', () => {
  it('refuses a PNG named .pdf, and accepts matching or unknown declarations', () => {
    expect(mismatchMessage('image', 'not_a_pdf_png.pdf')).toBe('The file is named or typed as a PDF but its content is an image.');
    expect(mismatchMessage('pdf', 'application/pdf')).toBeUndefined();
    expect(mismatchMessage('image', 'image/jpeg')).toBeUndefined();
    expect(mismatchMessage('docx', 'resume.DOCX')).toBeUndefined();
    expect(mismatchMessage('pdf', '')).toBeUndefined();
    expect(mismatchMessage('pdf', 'application/octet-stream')).toBeUndefined();
  });
});
