import { describe, expect, it } from 'vitest';
import { parseResumeBuffer } from '../../server/resume/parse-file';
import { buildAtsDocx } from '../resume/export/ats-docx';
import { buildAtsPdf } from '../resume/export/ats-pdf';
import { checkAts } from './ats-check';
import { GOOD_RESUME } from './ats-check-fixtures';

/**
 * TrackRuit's own ATS export, read back by TrackRuit's own parser (the Node
 * pipeline the server uses, the same one the extension's worker runs), passes
 * the check, with the layout facts that reader reports.
 */
const JOB = { text: 'Senior backend engineer.\nRequirements: TypeScript, Python, PostgreSQL and Kubernetes.\nNice to have: Terraform.' };

describe('the ATS export passes the ATS check', () => {
  it('PDF: every item passes, the layout read by pdf.js from the file', async () => {
    const bytes = await buildAtsPdf(GOOD_RESUME);
    const parsed = await parseResumeBuffer(bytes, { layout: true });
    expect(parsed.layout).toEqual({ columns: 1, tableRows: 0, images: 0 });
    const report = checkAts({ ...parsed, bytes: bytes.byteLength, job: JOB });
    for (const item of report.items) expect(item, `${item.id}: ${item.detail}`).toMatchObject({ status: 'pass' });
    // Parsing the export back gives the fields it was made from.
    expect(parsed.resume.experience.map((e) => [e.title, e.company, e.start, e.end, e.bullets])).toEqual(GOOD_RESUME.experience.map((e) => [e.title, e.company, e.start, e.end, e.bullets]));
  }, 30_000);

  it('DOCX: every item passes, the layout read from the HTML mammoth makes of it', async () => {
    const bytes = await buildAtsDocx(GOOD_RESUME);
    const parsed = await parseResumeBuffer(bytes, { layout: true });
    expect(parsed.layout).toEqual({ columns: 1, tableRows: 0, images: 0 });
    const report = checkAts({ ...parsed, bytes: bytes.byteLength, job: JOB });
    for (const item of report.items) expect(item, `${item.id}: ${item.detail}`).toMatchObject({ status: 'pass' });
  }, 30_000);
});
