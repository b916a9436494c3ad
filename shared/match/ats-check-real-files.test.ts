import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResumeBuffer } from '../../server/resume/parse-file';
import { checkAts } from './ats-check';

/** The check on the parsing fixtures (tests/fixtures/resumes, made with LibreOffice): layouts it must tell apart, as the resume reader reports them. */
const FIXTURES = path.resolve('tests/fixtures/resumes');
const read = async (name: string) => new Uint8Array(await readFile(path.join(FIXTURES, name)));

describe('layout facts of real PDFs', () => {
  it.each([
    ['resume1_single_column.pdf', 1, false],
    ['resume2_two_column.pdf', 2, false],
    ['resume3_skills_table.pdf', 1, true],
  ] as const)('%s: %i column(s), table rows: %s', async (name, columns, table) => {
    const { layout: facts } = await parseResumeBuffer(await read(name), { layout: true });
    if (!facts) throw new Error('the reader reported no layout');
    expect(facts.columns).toBe(columns);
    if (table) expect(facts.tableRows).toBeGreaterThanOrEqual(3);
    else expect(facts.tableRows).toBe(0);
    expect(facts.images).toBe(0);
  });
});

describe('the check on real PDFs', () => {
  it('warns about the two-column layout and the skills table, and passes their text layer and contact', async () => {
    for (const name of ['resume2_two_column.pdf', 'resume3_skills_table.pdf']) {
      const bytes = await read(name);
      const report = checkAts({ ...(await parseResumeBuffer(bytes, { layout: true })), bytes: bytes.byteLength });
      const status = Object.fromEntries(report.items.map((i) => [i.id, i.status]));
      expect(status, name).toMatchObject({ 'text-layer': 'pass', 'columns-tables': 'warn', 'images-of-text': 'pass', 'file-type-size': 'pass' });
    }
  }, 30_000);
});
