import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { warmUpPdf } from './warm-up-pdf';

describe('warmUpPdf', () => {
  it('is a well-formed one-page PDF whose lines pdf.js reads', async () => {
    const doc = await pdfjs.getDocument({ data: warmUpPdf(), verbosity: 0, stopAtErrors: true }).promise;
    try {
      expect(doc.numPages).toBe(1);
      const content = await (await doc.getPage(1)).getTextContent();
      const lines = content.items.map((item) => ('str' in item ? item.str : '')).filter(Boolean);
      expect(lines).toEqual(['Jane Doe - Senior Software Engineer', 'Experience: Example Corp, 2019 - Present', 'Skills: TypeScript, PostgreSQL, Kubernetes']);
    } finally {
      await doc.destroy();
    }
  });
});
