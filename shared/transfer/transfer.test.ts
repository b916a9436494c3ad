import { describe, expect, it } from 'vitest';
import { jobFromCapture } from '../jobs/capture';
import { JOB_DOC_VERSION, jobSchema, type Job } from '../schema/job';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { exportCsv, exportJson } from './export';
import { checkImportSize, ImportError, planImport, type ImportPlan } from './import';
import { IMPORT_LIMITS } from './limits';
import { stampResumeFieldTimes } from '../resume/doc';
import { testResume } from '../resume/doc/test-resume';

const importedAt = '2026-03-01T08:00:00.000Z';
const plan = (name: string, text: string) => planImport(name, text, { importedAt, pause: async () => {} });
const jobsOf = (result: ImportPlan) => result.jobs.map((entry) => entry.job);

/** A job using every field, with the values a CSV is most likely to mangle. */
const rich: Job = jobSchema.parse({
  ...jobFromCapture(acmeCapture, new Date('2026-02-10T09:30:00.000Z')),
  title: '=HYPERLINK("http://evil.example","Senior") Engineer',
  company: 'Zürich Ünïcode, "Quoted" & Co',
  description: 'Line one\nLine two, with "quotes"\n\n  indented',
  salary: '-€80k to €95k',
  employmentType: 'Full-time',
  duration: '6 Months',
  startDate: 'Immediately',
  postedAt: '2026-02-01T00:00:00.000Z',
  followUpAt: '2026-02-17T09:00:00.000Z',
  status: 'interview',
  statusHistory: [
    { status: 'applied', at: '2026-02-10T09:30:00.000Z' },
    { status: 'interview', at: '2026-02-12T11:00:00.000Z' },
  ],
  notes: [
    { id: 'n1', text: 'Recruiter called, said "next week"; bring portfolio', at: '2026-02-11T10:00:00.000Z' },
    { id: 'n2', text: '@mention, +plus and -minus', at: '2026-02-12T10:00:00.000Z' },
  ],
  contacts: [{ id: 'c1', name: 'Ada Lovelace', role: 'Recruiter', email: 'ada@acme.example', url: 'https://acme.example/ada' }],
  interviews: [{ id: 'i1', at: '2026-02-14T15:00:00.000Z', label: 'Onsite; 3 rounds' }],
  tags: ['remote', 'dream job'],
  mlAnalysis: { matchScore: 82, matchedSkills: ['react'], missingSkills: ['go'], summary: 'Good fit', analyzedAt: '2026-02-10T10:00:00.000Z' },
  possibleDuplicateOf: 'linkedin:4000000001',
  fieldTimes: { title: '2026-02-10T09:30:00.000Z', status: '2026-02-12T11:00:00.000Z' },
  updatedAt: '2026-02-12T11:00:00.000Z',
});

const plain: Job = jobSchema.parse({
  ...jobFromCapture(
    { platform: 'other', title: 'Data Analyst', company: '', url: 'https://careers.globex.example/jobs/77?utm_source=x' },
    new Date('2026-02-20T12:00:00.000Z'),
  ),
  status: 'saved',
  appliedAt: undefined,
  isActive: false,
  tags: ['a;b', 'c'],
  source: 'manual',
});

describe('export then import', () => {
  it('JSON gives back every job exactly', async () => {
    const text = exportJson([rich, plain], '2026-03-01T00:00:00.000Z');
    expect(JSON.parse(text)).toMatchObject({ format: 'trackruit-jobs', version: 2, count: 2, resumes: [] });
    const result = await plan('trackruit.json', text);
    expect(result.failures).toEqual([]);
    expect(jobsOf(result)).toEqual([rich, plain]);
  });

  it('CSV gives back every job exactly, lists and all', async () => {
    const result = await plan('trackruit.csv', exportCsv([rich, plain]));
    expect(result.failures).toEqual([]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.rows).toBe(2);
    expect(jobsOf(result)).toEqual([rich, plain]);
  });

  it('CSV flattens lists readably and never lets a spreadsheet run a cell as a formula', () => {
    const csv = exportCsv([rich, plain]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toMatch(/^\uFEFFTitle,Company,Status,Date Applied,URL,/);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""Senior"") Engineer"`);
    expect(csv).toContain(`'-€80k to €95k`);
    expect(csv).toContain(',remote; dream job,');
    // A tag holding the separator is written as JSON so it reads back as one tag.
    expect(csv).toContain('"[""a;b"",""c""]"');
  });

  it('imports the same file twice with the same ids, so the second import adds nothing new', async () => {
    const csv = exportCsv([rich, plain]);
    const first = await plan('a.csv', csv);
    const second = await plan('a.csv', csv);
    expect(jobsOf(second).map((job) => job.id)).toEqual(jobsOf(first).map((job) => job.id));
  });
});

describe("other trackers' CSV", () => {
  it('maps Huntr-style columns and status words, and gives LinkedIn jobs the id a capture gives them', async () => {
    const csv = [
      'Job Title,Company Name,Job URL,Stage,Date Applied,Location,Salary,Notes,Tags,Favourite colour',
      'Frontend Engineer,Acme,https://www.linkedin.com/jobs/view/4012345678/?trk=abc,Interviewing,31/01/2026,Berlin,€70k,"Met them at a meetup, nice",remote; react,blue',
      'Designer,Globex,careers.globex.example/jobs/9,Wishlist,,Remote,,,,',
      'PM,Initech,https://initech.example/jobs/3,Offered,05/02/2026,,,,,',
      'Ops,Umbrella,https://umbrella.example/jobs/4,Declined,06/02/2026,,,,,',
    ].join('\n');
    const result = await plan('huntr.csv', csv);
    expect(result.failures).toEqual([]);
    expect(result.ignoredColumns).toEqual(['Favourite colour']);
    const [frontend, designer, pm, ops] = jobsOf(result);
    expect(frontend).toMatchObject({
      id: 'linkedin:4012345678',
      platform: 'linkedin',
      siteJobId: '4012345678',
      title: 'Frontend Engineer',
      company: 'Acme',
      status: 'interview',
      appliedAt: '2026-01-31T12:00:00.000Z',
      location: 'Berlin',
      salary: '€70k',
      tags: ['remote', 'react'],
      source: 'manual',
      schemaVersion: JOB_DOC_VERSION,
    });
    expect(frontend?.notes).toEqual([{ id: expect.stringMatching(/^imp/), text: 'Met them at a meetup, nice', at: '2026-01-31T12:00:00.000Z' }]);
    expect(frontend?.statusHistory).toEqual([{ status: 'interview', at: '2026-01-31T12:00:00.000Z' }]);
    expect(designer).toMatchObject({ status: 'saved', url: 'https://careers.globex.example/jobs/9', platform: 'other' });
    expect(designer?.id).toMatch(/^other:url\./);
    expect(designer?.appliedAt).toBeUndefined();
    // "31/01/2026" in the same column makes the file day-first: 05/02 is the 5th of February.
    expect(pm).toMatchObject({ status: 'offer', appliedAt: '2026-02-05T12:00:00.000Z' });
    expect(ops?.status).toBe('rejected');
  });

  it('maps Teal- and Simplify-style columns and their words', async () => {
    const csv = [
      'Position,Employer,Link,Status,Application Date,Follow Up Date,Contacts',
      'Backend Engineer,Hooli,https://hooli.example/jobs/1,Bookmarked,,2026-03-04,Gavin Belson <gavin@hooli.example>; Richard',
      'SRE,Pied Piper,https://piedpiper.example/jobs/2,No Response,Mar 3 2026,,',
      'QA,Aviato,https://aviato.example/jobs/3,I Withdrew,2026-02-28 14:30,,',
      'ML Engineer,Raviga,https://raviga.example/jobs/4,,2026-02-27,,',
    ].join('\r\n');
    const result = await plan('teal-export.csv', csv);
    expect(result.failures).toEqual([]);
    const [backend, sre, qa, ml] = jobsOf(result);
    expect(backend).toMatchObject({ status: 'saved', followUpAt: '2026-03-04T12:00:00.000Z' });
    expect(backend?.contacts).toEqual([
      { id: expect.any(String), name: 'Gavin Belson', email: 'gavin@hooli.example' },
      { id: expect.any(String), name: 'Richard' },
    ]);
    expect(sre).toMatchObject({ status: 'ghosted', appliedAt: '2026-03-03T12:00:00.000Z' });
    expect(qa).toMatchObject({ status: 'withdrawn', appliedAt: '2026-02-28T14:30:00.000Z' });
    // No status column value but a date: the job was applied to.
    expect(ml).toMatchObject({ status: 'applied', appliedAt: '2026-02-27T12:00:00.000Z' });
  });

  it('reports each row it cannot read with its spreadsheet row number and why, and imports the rest', async () => {
    const csv = [
      'Role,Company,URL,Status,Applied On',
      'Good one,Acme,https://acme.example/jobs/1,Applied,2026-01-02',
      ',Acme,https://acme.example/jobs/2,Applied,2026-01-02',
      'No link,Acme,,Applied,2026-01-02',
      '',
      'Bad date,Acme,https://acme.example/jobs/4,Applied,someday',
      'Odd status,Acme,https://acme.example/jobs/5,Thinking about it,2026-01-02',
      'Not a link,Acme,mailto:jobs@acme.example,Applied,2026-01-02',
      `${'Long'.repeat(100)},Acme,https://acme.example/jobs/7,Applied,2026-01-02`,
      'Good one again,Acme,https://acme.example/jobs/1?utm_source=mail,Applied,2026-01-02',
    ].join('\n');
    const result = await plan('sheet.csv', csv);
    expect(jobsOf(result).map((job) => job.title)).toEqual(['Good one']);
    expect(result.failures.map((failure) => failure.row)).toEqual([3, 4, 6, 7, 8, 9]);
    const reasons = Object.fromEntries(result.failures.map((failure) => [failure.row, failure.reason]));
    expect(reasons[3]).toBe('Role: is empty: every job needs a title');
    expect(reasons[4]).toBe('URL: is empty: every job needs the address of its posting');
    expect(reasons[6]).toBe('Applied On: "someday" is not a date TrackRuit can read (use 2026-01-31)');
    expect(reasons[7]).toBe('Status: "Thinking about it" is not a status TrackRuit knows');
    expect(reasons[8]).toBe('URL: "mailto:jobs@acme.example" is not a web address');
    // The schema's own limit, reported through zod's issue under the file's column name.
    expect(reasons[9]).toMatch(/^Role: Too big: expected string to have <=300 characters/);
    // Same posting as row 2 (tracking parameters do not make a new job): a repeat, not a second job.
    expect(result.repeated).toEqual([{ row: 10, id: jobsOf(result)[0]!.id, firstRow: 2 }]);
  });

  it('refuses a file without a title or URL column, with what it looked for', async () => {
    await expect(plan('x.csv', 'Company,Status\nAcme,Applied')).rejects.toThrow(
      new ImportError('The CSV file has no "Title", "Job Title", "Position" or "Role" and no "URL", "Job URL", "Link" or "Job Link" column. The first row must name the columns.'),
    );
  });
});

describe('JSON import', () => {
  it('upgrades version-1 documents, drops database fields, and reports bad jobs by position', async () => {
    const { schemaVersion: _v, ...v1 } = rich;
    const text = JSON.stringify([{ ...v1, _rev: '1-abc', _meta: { lwt: 1 } }, { ...plain, url: 'not a url' }, 'nonsense', plain]);
    const result = await plan('list.json', text);
    expect(jobsOf(result)).toEqual([rich, plain]);
    expect(result.rowLabel).toBe('Job');
    expect(result.failures).toEqual([
      { row: 2, id: plain.id, reason: 'url: Invalid URL' },
      { row: 3, reason: 'is not a job object' },
    ]);
  });

  it('refuses JSON that is not a list of jobs', async () => {
    await expect(plan('x.json', '{"hello": 1}')).rejects.toThrow(/holds no list of jobs/);
    await expect(plan('x.json', '{"jobs": [')).rejects.toThrow(/not valid JSON/);
  });
});

describe('limits and progress', () => {
  it('refuses files over the size limit before reading them', () => {
    expect(() => checkImportSize(IMPORT_LIMITS.maxBytes + 1)).toThrow(/The file is 20\.0 MB; TrackRuit imports files up to 20\.0 MB/);
    expect(() => checkImportSize(IMPORT_LIMITS.maxBytes)).not.toThrow();
  });

  it('refuses more rows than the limit, in CSV and JSON', async () => {
    const rows = Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, n) => `T${n},https://a.example/${n}`);
    await expect(plan('big.csv', ['Title,URL', ...rows].join('\n'))).rejects.toThrow(/more than 50,000 rows/);
    await expect(plan('big.json', JSON.stringify(rows))).rejects.toThrow(/more than 50,000 rows/);
  });

  it('reads a large file in slices, pausing between them and reporting progress', async () => {
    const rows = Array.from({ length: 3_000 }, (_, n) => `"Engineer ${n}","${'Long description. '.repeat(20)}",https://acme.example/jobs/${n}`);
    const text = ['Title,Description,URL', ...rows].join('\n');
    let pauses = 0;
    const progress: string[] = [];
    const result = await planImport('big.csv', text, {
      importedAt,
      pause: async () => {
        pauses += 1;
      },
      onProgress: (p) => progress.push(`${p.phase}:${p.done}/${p.total}`),
    });
    expect(result.jobs).toHaveLength(3_000);
    expect(pauses).toBeGreaterThan(5);
    expect(progress.filter((p) => p.startsWith('reading')).length).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe('checking:3000/3000');
  });
});

describe('resumes in the JSON export', () => {
  const resume = (id: string, name = 'Backend resume') => stampResumeFieldTimes(undefined, testResume({ id, name }));

  it('gives back every resume exactly, beside the jobs', async () => {
    const resumes = [resume('r1'), { ...resume('r2', 'Frontend resume'), active: false }];
    const text = exportJson([rich], '2026-03-01T00:00:00.000Z', resumes);
    const result = await plan('trackruit.json', text);
    expect(jobsOf(result)).toEqual([rich]);
    expect(result.resumes).toMatchObject({ rows: 2, failures: [], repeated: [] });
    expect(result.resumes.resumes.map((entry) => entry.resume)).toEqual(resumes);
  });

  it('reads a version 1 export (no resumes) and a file of resumes only', async () => {
    const v1 = JSON.stringify({ format: 'trackruit-jobs', version: 1, exportedAt: importedAt, count: 1, jobs: [rich] });
    const old = await plan('old.json', v1);
    expect(jobsOf(old)).toEqual([rich]);
    expect(old.resumes.rows).toBe(0);
    const only = await plan('resumes.json', JSON.stringify({ format: 'trackruit-jobs', version: 2, resumes: [resume('r1')] }));
    expect(only.jobs).toEqual([]);
    expect(only.resumes.resumes).toHaveLength(1);
  });

  it('lists each resume it cannot read with the reason, keeps the others, and counts repeats once', async () => {
    const good = resume('good');
    const text = JSON.stringify({
      format: 'trackruit-jobs',
      version: 2,
      jobs: [],
      resumes: [good, { ...good, id: 'nameless', name: '  ' }, { ...good, id: 'sneaky', resume: { ...good.resume, contact: { ...good.resume.contact, script: 'x' } } }, 'text', good],
    });
    const result = await plan('trackruit.json', text);
    expect(result.resumes.resumes.map((entry) => entry.resume.id)).toEqual(['good']);
    expect(result.resumes.failures).toEqual([
      { row: 2, id: 'nameless', reason: 'name: a resume needs a name' },
      { row: 3, id: 'sneaky', reason: 'has fields a resume does not have' },
      { row: 4, reason: 'is not a resume object' },
    ]);
    expect(result.resumes.repeated).toEqual([{ row: 5, id: 'good', firstRow: 1 }]);
  });

  it('refuses the whole file when its resumes are not a list', async () => {
    const text = JSON.stringify({ format: 'trackruit-jobs', version: 2, jobs: [rich], resumes: { r1: {} } });
    await expect(plan('trackruit.json', text)).rejects.toThrow(ImportError);
    await expect(plan('trackruit.json', text)).rejects.toThrow(/"resumes" is not a list of resumes\. Nothing was imported\./);
  });
});
