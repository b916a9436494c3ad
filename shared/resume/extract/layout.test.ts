import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { parseResumeBuffer } from '../../../server/resume/parse-file';
import { IMAGE_OPS } from './pdf';

/** The reader's layout facts for the ATS check, asked for with `layout: true`. */
const FIXTURES = path.resolve('tests/fixtures/resumes');
const read = async (name: string) => new Uint8Array(await readFile(path.join(FIXTURES, name)));

describe('layout facts from the resume reader', () => {
  it('counts the operators pdf.js draws images with', () => {
    expect([...IMAGE_OPS].sort()).toEqual([OPS.paintImageMaskXObject, OPS.paintImageXObject, OPS.paintInlineImageXObject].sort());
  });

  it('are reported only when asked for', async () => {
    const outcome = await parseResumeBuffer(await read('resume2_two_column.pdf'));
    expect(outcome.layout).toBeUndefined();
  });

  it('tell a Word sidebar layout from a single column', async () => {
    const single = await parseResumeBuffer(await read('resume1_single_column.docx'), { layout: true });
    const sidebar = await parseResumeBuffer(await read('resume2_two_column.docx'), { layout: true });
    expect(single.layout).toMatchObject({ columns: 1, images: 0 });
    expect(sidebar.layout?.columns).toBeGreaterThanOrEqual(2);
  });

  it('leave a scanned page out of the layout facts: OCR read it, and the check counts it from ocrPages', async () => {
    const outcome = await parseResumeBuffer(await read('resume1_single_column_scanned_noisy_200dpi.pdf'), { layout: true });
    expect(outcome.ocrPages).toBe(outcome.pages);
    expect(outcome.layout).toEqual({ columns: 1, tableRows: 0, images: 0 });
  }, 60_000);
});
