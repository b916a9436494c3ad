import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildAtsDocx } from '../resume/export/ats-docx';
import { GOOD_RESUME } from './ats-check-fixtures';
import { docxLayoutFacts } from './ats-check-docx-layout';

const html = async (bytes: Uint8Array) => (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
const fixture = async (name: string) => new Uint8Array(await readFile(path.resolve('tests/fixtures/resumes', name)));

describe('docxLayoutFacts', () => {
  it.each([
    ['resume1_single_column.docx', { columns: 1, tableRows: 0, images: 0 }],
    ['resume2_two_column.docx', { columns: 2, tableRows: 0, images: 0 }],
    ['resume3_skills_table.docx', { columns: 1, tableRows: 6, images: 0 }],
  ] as const)('%s (LibreOffice): %o', async (name, facts) => {
    expect(docxLayoutFacts(await html(await fixture(name)))).toEqual(facts);
  });

  it('TrackRuit’s ATS export: one column, no tables, no images', async () => {
    expect(docxLayoutFacts(await html(await buildAtsDocx(GOOD_RESUME)))).toEqual({ columns: 1, tableRows: 0, images: 0 });
  });

  it('counts images, and rows of nested tables; survives broken markup', () => {
    expect(docxLayoutFacts('<p>a</p><img src="data:image/png;base64,AA"><p><img src="x"></p>').images).toBe(2);
    const nested = '<table><tr><td><table><tr><td><p>a</p></td><td><p>b</p></td></tr></table></td><td><p>c</p></td></tr></table>';
    expect(docxLayoutFacts(nested)).toEqual({ columns: 1, tableRows: 2, images: 0 });
    expect(docxLayoutFacts('</tr><td><p>x</td></tr><tr><td>')).toEqual({ columns: 1, tableRows: 0, images: 0 });
    expect(docxLayoutFacts('')).toEqual({ columns: 1, tableRows: 0, images: 0 });
  });
});
