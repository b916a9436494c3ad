import { describe, expect, it } from 'vitest';
import { contentDisposition, isResumeId, sanitizeFileName } from './names';

describe('isResumeId', () => {
  it('accepts plain ids and refuses anything path-like', () => {
    expect(isResumeId('3f2a9c1e-7b4d-4e8a-9c0d-1e2f3a4b5c6d')).toBe(true);
    expect(isResumeId('resume_1')).toBe(true);
    for (const bad of ['', '.', '..', '../etc', 'a/b', 'a\\b', 'a.b', '-a', 'a b', '%2e%2e', 'x'.repeat(101), 'é']) {
      expect(isResumeId(bad)).toBe(false);
    }
  });
});

describe('sanitizeFileName', () => {
  it('keeps a harmless name and its extension', () => {
    expect(sanitizeFileName('Ada Lovelace CV.pdf', 'application/pdf', 'r1')).toBe('Ada Lovelace CV.pdf');
    expect(sanitizeFileName('Résumé – Zoë.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'r1')).toBe('Résumé – Zoë.docx');
    expect(sanitizeFileName('scan.JPEG', 'image/jpeg', 'r1')).toBe('scan.JPEG');
  });

  it('drops directories, separators, controls and bidi tricks', () => {
    expect(sanitizeFileName('../../etc/passwd', 'application/pdf', 'r1')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\me\\cv.pdf', 'application/pdf', 'r1')).toBe('cv.pdf');
    expect(sanitizeFileName('a"b<c>\u0000\r\nd.pdf', 'application/pdf', 'r1')).toBe('abcd.pdf');
    expect(sanitizeFileName('invoice\u202Efdp.exe', 'application/pdf', 'r1')).toBe('invoicefdp.pdf');
  });

  it('makes the extension match what the bytes are', () => {
    expect(sanitizeFileName('cv.exe', 'application/pdf', 'r1')).toBe('cv.pdf');
    expect(sanitizeFileName('photo', 'image/png', 'r1')).toBe('photo.png');
  });

  it('falls back to the resume id and caps the length', () => {
    expect(sanitizeFileName(undefined, 'application/pdf', 'r1')).toBe('resume-r1.pdf');
    expect(sanitizeFileName('...', 'image/png', 'r1')).toBe('resume-r1.png');
    const long = sanitizeFileName(`${'a'.repeat(400)}.pdf`, 'application/pdf', 'r1');
    expect(long).toHaveLength(150);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the exact UTF-8 name', () => {
    expect(contentDisposition('Résumé.pdf')).toBe(`attachment; filename="Resume.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`);
    expect(contentDisposition('Иван.pdf')).toBe(`attachment; filename="resume.pdf"; filename*=UTF-8''%D0%98%D0%B2%D0%B0%D0%BD.pdf`);
  });
});
