import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { buildAtsPdf } from '../../shared/resume/export/ats-pdf';
import { RICH_RESUME } from '../../shared/resume/export/test-resumes';
import { parseInWorker } from './parse-in-worker';

describe('parseInWorker', () => {
  it('parses a text PDF off the main thread', async () => {
    const outcome = await parseInWorker(await buildAtsPdf(RICH_RESUME));
    expect(outcome.kind).toBe('pdf');
    expect(outcome.pages).toBe(1);
    expect(outcome.ocrPages).toBe(0);
    expect(outcome.text).toContain('Principal Engineer');
    expect(outcome.resume.contact.email).toBe('ada@example.com');
  }, 30_000);

  it('reports what the pipeline reports for a broken file', async () => {
    await expect(parseInWorker(new TextEncoder().encode('%PDF-1.7 this is not a PDF at all'))).rejects.toMatchObject({ code: 'corrupt' });
  }, 30_000);

  it('stops at the time limit and when the caller gives up', async () => {
    // A page without text goes to OCR, which takes far longer than these limits.
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
    await doc.embedFont(StandardFonts.Helvetica);
    const scan = await doc.save();

    const started = Date.now();
    await expect(parseInWorker(scan, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5_000);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await expect(parseInWorker(scan, { signal: controller.signal })).rejects.toMatchObject({ code: 'cancelled' });
  }, 30_000);
});
