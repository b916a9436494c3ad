import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResumeBuffer } from '../../server/resume/parse-file';

/**
 * Two-column PDFs from the held-out set, through the same pipeline as the
 * extension's worker: each role keeps its own bullets, and the sidebar stays
 * out of the main column.
 */
const HELDOUT = path.resolve('tests/fixtures/resumes-heldout');

async function parse(file: string) {
  const bytes = new Uint8Array(await readFile(path.join(HELDOUT, file)));
  return (await parseResumeBuffer(bytes, { declaredType: file })).resume;
}

describe('two-column resumes', () => {
  it('reads bullets drawn as shapes as bullets, not as the company or a role of their own', async () => {
    const resume = await parse('01-two-column-marketing.pdf');
    expect(resume.experience.map((e) => [e.title, e.company, e.location, e.bullets.length])).toEqual([
      ['Digital Marketing Manager', 'Nordvik Outdoor AB', 'Gothenburg', 3],
      ['Marketing Specialist', 'Cloudberry Systems', 'Stockholm', 2],
      ['Marketing Intern', 'Volvo Cars', 'Gothenburg', 1],
    ]);
    expect(resume.experience[2]!.bullets[0]).toBe('Wrote launch copy and social media posts for the XC40 campaign in four markets.');
    // The sidebar's skills with their labels dropped, then tools named only in the bullets.
    expect(resume.skills).toEqual(expect.arrayContaining(['Google Analytics', 'HubSpot', 'Adobe Photoshop', 'Facebook Ads', 'Salesforce']));
  });

  it('reads columns written row by row across the page one after the other', async () => {
    const resume = await parse('09-two-column-rows-engineer.pdf');
    expect(resume.experience.map((e) => [e.title, e.company, e.bullets.length])).toEqual([
      ['Senior Design Engineer', 'Silesia Rail Components Sp. z o.o.', 2],
      ['Design Engineer', 'Aerotech Poland', 2],
    ]);
    expect(resume.experience[0]!.bullets[0]).toBe('Designed bogie brake brackets in SolidWorks and validated them with FEA to EN 13749.');
    expect(resume.skills.slice(0, 6)).toEqual(['SolidWorks', 'CATIA', 'ANSYS Mechanical', 'GD&T', 'MATLAB', 'SAP PLM']);
  });
});
