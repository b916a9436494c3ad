import { describe, expect, it } from 'vitest';
import { parseResumeBuffer } from '../../server/resume/parse-file';
import { buildAtsDocx } from '../resume/export/ats-docx';
import { buildAtsPdf } from '../resume/export/ats-pdf';
import { checkAts } from './ats-check';
import { GOOD_RESUME } from './ats-check-fixtures';
import { pdfLayout } from './ats-check-read.test-helpers';

/**
 * TrackRuit's own ATS export, read back by TrackRuit's own parser (the Node
 * pipeline the server uses), passes the check. The layout facts come from
 * pdf.js the way the reader sees the file: positioned text items and the
 * images the pages draw.
 */
const JOB = { text: 'Senior backend engineer.\nRequirements: TypeScript, Python, PostgreSQL and Kubernetes.\nNice to have: Terraform.' };

describe('the ATS export passes the ATS check', () => {
  it('PDF: every item passes, the layout read by pdf.js from the file', async () => {
    const bytes = await buildAtsPdf(GOOD_RESUME);
    const parsed = await parseResumeBuffer(bytes);
    const report = checkAts({ ...parsed, bytes: bytes.byteLength, layout: await pdfLayout(bytes), job: JOB });
    for (const item of report.items) expect(item, `${item.id}: ${item.detail}`).toMatchObject({ status: 'pass' });
    // Parsing the export back gives the fields it was made from.
    expect(parsed.resume.experience.map((e) => [e.title, e.company, e.start, e.end, e.bullets])).toEqual(GOOD_RESUME.experience.map((e) => [e.title, e.company, e.start, e.end, e.bullets]));
  }, 30_000);

  it('DOCX: every item the Word reader can inform passes; layout and images are not reported for DOCX', async () => {
    const bytes = await buildAtsDocx(GOOD_RESUME);
    const parsed = await parseResumeBuffer(bytes);
    const report = checkAts({ ...parsed, bytes: bytes.byteLength, job: JOB });
    const notChecked = report.items.filter((i) => i.status === 'not-checked').map((i) => i.id);
    expect(notChecked).toEqual(['columns-tables', 'images-of-text']);
    for (const item of report.items.filter((i) => !notChecked.includes(i.id))) expect(item, `${item.id}: ${item.detail}`).toMatchObject({ status: 'pass' });
  }, 30_000);
});
