import { describe, expect, it } from 'vitest';
import { atsBlocks, atsPlainLines } from '../resume/export/ats-blocks';
import type { ParsedResume } from '../resume/parsed-resume';
import { checkAts, CHECK_VERSION, type AtsCheckInput, type AtsItemId } from './ats-check';
import { GOOD_RESUME } from './ats-check-fixtures';
import { startsWithActionVerb } from './ats-check-verbs';

const textOf = (resume: ParsedResume) => atsPlainLines(atsBlocks(resume)).join('\n');

function input(overrides: Partial<AtsCheckInput> = {}, resume: ParsedResume = GOOD_RESUME): AtsCheckInput {
  return { resume, text: textOf(resume), kind: 'pdf', bytes: 60_000, pages: 1, ocrPages: 0, layout: { columns: 1, tableRows: 0, images: 0 }, ...overrides };
}
const item = (id: AtsItemId, i: AtsCheckInput) => checkAts(i).items.find((x) => x.id === id)!;
const status = (id: AtsItemId, i: AtsCheckInput) => item(id, i).status;
/** GOOD_RESUME with every role's bullets replaced. */
const withBullets = (bullets: string[]): ParsedResume => ({ ...GOOD_RESUME, experience: GOOD_RESUME.experience.map((e, i) => ({ ...e, bullets: i === 0 ? bullets : [] })) });

describe('checkAts: the report', () => {
  it('a well-written resume passes every item; keyword coverage waits for a job', () => {
    const report = checkAts(input());
    expect(report.checkVersion).toBe(CHECK_VERSION);
    expect(report.items.map((i) => i.id)).toEqual([
      'text-layer', 'reading-order', 'columns-tables', 'unmapped-characters', 'images-of-text', 'contact', 'section-headings',
      'dated-experience', 'bullet-length', 'bullet-numbers', 'action-verbs', 'length', 'file-type-size', 'keyword-coverage',
    ]);
    for (const i of report.items.filter((x) => x.id !== 'keyword-coverage')) expect(i, i.detail).toMatchObject({ status: 'pass' });
    expect(report.counts).toEqual({ pass: 13, warn: 0, fail: 0, 'not-checked': 1 });
  });

  it('every warn and fail says how to fix it', () => {
    const bad = input({ kind: 'image', bytes: 9e6, pages: 4, ocrPages: 4, text: 'x', layout: { columns: 2, tableRows: 5, images: 3 } }, { ...withBullets(['Responsible for things']), contact: { links: [] } });
    const report = checkAts({ ...bad, job: { text: 'Requirements: Kubernetes, Terraform and PostgreSQL.' } });
    const flagged = report.items.filter((i) => i.status === 'warn' || i.status === 'fail');
    // Everything but what this input gets right: roles in order and dated, no stray characters.
    expect(report.items.filter((i) => !flagged.includes(i)).map((i) => i.id)).toEqual(['reading-order', 'unmapped-characters', 'dated-experience']);
    for (const i of flagged) expect(i.fix, i.id).toMatch(/\w{3,}/);
  });

  it('is deterministic', () => {
    expect(checkAts(input())).toEqual(checkAts(input()));
  });

  it('survives a text that is not a string', () => {
    const report = checkAts(input({ text: undefined as unknown as string }));
    expect(report.items.find((i) => i.id === 'length')!.status).toBe('fail');
  });
});

describe('text layer', () => {
  it.each([
    ['pdf', 1, 0, 'pass'], ['docx', 1, 0, 'pass'], ['pdf', 2, 1, 'warn'], ['pdf', 2, 2, 'fail'], ['image', 1, 1, 'fail'], ['pdf', NaN, 0, 'not-checked'],
  ] as const)('%s, %s pages, %s read by OCR: %s', (kind, pages, ocrPages, expected) => {
    expect(status('text-layer', input({ kind, pages, ocrPages }))).toBe(expected);
  });
});

describe('reading order', () => {
  it('fails when a bullet sentence landed in a role’s company field (the two-column failure)', () => {
    const garbled = { ...GOOD_RESUME, experience: [{ title: 'Engineer', company: 'Built the billing pipeline in Python that processed invoices each month with automated reconciliation', bullets: [] }] };
    expect(status('reading-order', input({}, garbled))).toBe('fail');
  });
  it('warns when no role kept its bullets', () => {
    expect(status('reading-order', input({}, withBullets([])))).toBe('warn');
  });
  it('cannot tell without roles', () => {
    expect(status('reading-order', input({}, { ...GOOD_RESUME, experience: [] }))).toBe('not-checked');
  });
});

describe('columns and tables', () => {
  it.each([
    [{ columns: 1, tableRows: 0 }, 'pass'], [{ columns: 2, tableRows: 0 }, 'warn'], [{ columns: 1, tableRows: 4 }, 'warn'], [{ columns: 1 }, 'pass'], [{}, 'not-checked'], [undefined, 'not-checked'],
  ] as const)('%o: %s', (layout, expected) => {
    expect(status('columns-tables', input({ layout }))).toBe(expected);
  });
  it('says which fact was not reported', () => {
    expect(item('columns-tables', input({ layout: { columns: 1 } })).detail).toContain('tables not reported');
  });
});

describe('characters that do not map to text', () => {
  it('passes clean text, warns on a few icon glyphs, fails a garbled font', () => {
    expect(status('unmapped-characters', input())).toBe('pass');
    expect(status('unmapped-characters', input({ text: `${textOf(GOOD_RESUME)}\n\ue001 grace@example.com` }))).toBe('warn');
    expect(status('unmapped-characters', input({ text: `${textOf(GOOD_RESUME)}\n${'(cid:12)'.repeat(25)}` }))).toBe('fail');
    expect(status('unmapped-characters', input({ text: `Gr\ufffd\ufffdce Hopper ${'\ufffd'.repeat(10)}` }))).toBe('fail');
  });
  it('counts the glyphs the reader reports on top of the text', () => {
    expect(status('unmapped-characters', input({ layout: { unmappedGlyphs: 2 } }))).toBe('warn');
  });
});

describe('images of text', () => {
  it.each([
    [{ ocrPages: 0, layout: { images: 0 } }, 'pass'],
    [{ ocrPages: 0, layout: { images: 2 } }, 'warn'],
    [{ pages: 2, ocrPages: 1 }, 'fail'],
    [{ kind: 'image' as const, ocrPages: 1 }, 'fail'],
    [{ layout: {} }, 'not-checked'],
  ])('%o: %s', (overrides, expected) => {
    expect(status('images-of-text', input(overrides))).toBe(expected);
  });
});

describe('contact details', () => {
  const contact = (c: Partial<ParsedResume['contact']>) => input({}, { ...GOOD_RESUME, contact: { links: [], ...c } });
  it('passes email, phone and location; a link stands in for the location', () => {
    expect(status('contact', contact({ email: 'a@b.co', phone: '1', location: 'Leeds, UK' }))).toBe('pass');
    expect(status('contact', contact({ email: 'a@b.co', phone: '1', links: ['https://github.com/a'] }))).toBe('pass');
  });
  it('warns without a phone or without location and links; fails without an email', () => {
    expect(status('contact', contact({ email: 'a@b.co', location: 'Leeds, UK' }))).toBe('warn');
    expect(item('contact', contact({ email: 'a@b.co', phone: '1' })).detail).toContain('location or a profile link');
    expect(status('contact', contact({ phone: '1', location: 'Leeds, UK' }))).toBe('fail');
  });
});

describe('standard section headings', () => {
  const base = textOf(GOOD_RESUME);
  it('passes Experience, Education and Skills, in any case', () => {
    expect(status('section-headings', input({ text: base.replace('Experience', 'WORK EXPERIENCE') }))).toBe('pass');
  });
  it('warns on a missing education heading, or an invented one', () => {
    expect(status('section-headings', input({ text: base.replace('\nEducation\n', '\nSchooling and such\n') }))).toBe('warn');
    const invented = input({ text: base.replace('\nCertifications\n', '\nMY SUPERPOWERS\n') });
    expect(item('section-headings', invented)).toMatchObject({ status: 'warn', detail: expect.stringContaining('"MY SUPERPOWERS"') });
  });
  it('does not take an employer or a skill written in capitals for a heading', () => {
    const resume = { ...GOOD_RESUME, experience: [{ ...GOOD_RESUME.experience[0]!, company: 'ACME ROBOTICS' }], skills: ['MATLAB'] };
    const text = textOf(GOOD_RESUME).replace('Compiler Works', '\nACME ROBOTICS').replace('\nTypeScript, Python', '\nMATLAB\nTypeScript, Python');
    expect(item('section-headings', input({ text }, resume))).toMatchObject({ status: 'pass' });
    // The same lines the parser did not place are flagged.
    expect(item('section-headings', input({ text }))).toMatchObject({ status: 'warn', detail: expect.stringContaining('"ACME ROBOTICS", "MATLAB"') });
  });

  it('fails without an experience heading', () => {
    expect(status('section-headings', input({ text: base.replace('\nExperience\n', '\nMy Journey\n') }))).toBe('fail');
  });
});

describe('dated experience', () => {
  it('passes dated roles, warns on some undated, fails on none dated or no roles', () => {
    expect(status('dated-experience', input())).toBe('pass');
    const some = { ...GOOD_RESUME, experience: GOOD_RESUME.experience.map((e, i) => (i === 0 ? { ...e, end: undefined } : e)) };
    expect(status('dated-experience', input({}, some))).toBe('warn');
    const none = { ...GOOD_RESUME, experience: GOOD_RESUME.experience.map((e) => ({ ...e, start: undefined, end: undefined })) };
    expect(status('dated-experience', input({}, none))).toBe('fail');
    expect(status('dated-experience', input({}, { ...GOOD_RESUME, experience: [] }))).toBe('fail');
  });
});

describe('bullet length (8-30 words)', () => {
  const ok = 'Built the billing pipeline in Python that processed 40 invoices a month';
  it('passes when 80% are in range', () => {
    expect(status('bullet-length', input({}, withBullets([ok, ok, ok, ok, 'Shipped it'])))).toBe('pass');
  });
  it('warns on many short or long ones, fails on most, and fails without bullets', () => {
    const long = Array.from({ length: 31 }, () => 'word').join(' ');
    expect(item('bullet-length', input({}, withBullets([ok, ok, ok, 'Shipped it', long])))).toMatchObject({ status: 'warn', detail: '3 of 5 bullets have 8-30 words (1 shorter, 1 longer).' });
    expect(status('bullet-length', input({}, withBullets(['Shipped it', 'Did QA', ok])))).toBe('fail');
    expect(status('bullet-length', input({}, withBullets([])))).toBe('fail');
  });
});

describe('share of bullets with numbers', () => {
  const plain = 'Built the billing pipeline in Python for the finance team';
  it('passes at a third, warns at a tenth, fails below', () => {
    expect(status('bullet-numbers', input({}, withBullets([`${plain} in 3 weeks`, plain, plain])))).toBe('pass');
    expect(status('bullet-numbers', input({}, withBullets([`${plain} in 3 weeks`, plain, plain, plain, plain, plain])))).toBe('warn');
    expect(status('bullet-numbers', input({}, withBullets([plain, plain])))).toBe('fail');
    expect(status('bullet-numbers', input({}, withBullets(['Doubled the pipeline throughput for the finance team', plain])))).toBe('pass');
  });
});

describe('action verbs', () => {
  it('recognises verbs in past, present and -ing forms, after list markers', () => {
    for (const b of ['Led the team', '• Built it', '- Leading the team', 'Manages 4 nurses', 'Planned rotas', 'Planning rotas', 'Taught year 9 maths', 'Supervises staff', 'Optimized queries', 'Troubleshoot lines', 'Unifies billing']) {
      expect(startsWithActionVerb(b), b).toBe(true);
    }
    for (const b of ['Responsible for the team', 'The billing pipeline', 'Team player', '2019 budget', '']) expect(startsWithActionVerb(b), b).toBe(false);
  });
  it('passes at 60%, warns at 30%, fails below', () => {
    const v = 'Built the billing pipeline in Python for the finance team';
    const n = 'Responsible for the billing pipeline in Python for finance';
    expect(status('action-verbs', input({}, withBullets([v, v, n])))).toBe('pass');
    expect(status('action-verbs', input({}, withBullets([v, n, n])))).toBe('warn');
    expect(status('action-verbs', input({}, withBullets([n, n, n, n])))).toBe('fail');
  });
});

describe('length', () => {
  const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
  it.each([
    [400, 1, 'pass'], [100, 1, 'fail'], [200, 1, 'warn'], [600, 3, 'warn'], [1500, 2, 'warn'],
  ] as const)('%i words on %i pages: %s', (n, pages, expected) => {
    expect(status('length', input({ text: words(n), pages }))).toBe(expected);
  });
});

describe('file type and size', () => {
  it.each([
    ['pdf', 60_000, 'pass'], ['docx', 30_000, 'pass'], ['pdf', 3 * 1024 * 1024, 'warn'], ['docx', 6 * 1024 * 1024, 'fail'], ['image', 50_000, 'fail'], ['pdf', NaN, 'not-checked'], ['pdf', -1, 'not-checked'],
  ] as const)('%s of %i bytes: %s', (kind, bytes, expected) => {
    expect(status('file-type-size', input({ kind, bytes }))).toBe(expected);
  });
});

describe('keyword coverage (the matching engine’s skills)', () => {
  const job = (text: string) => input({ job: { text } });
  it('is not checked without a job, or when the job names no skills', () => {
    expect(status('keyword-coverage', input())).toBe('not-checked');
    expect(status('keyword-coverage', job('A friendly team in a sunny office.'))).toBe('not-checked');
  });
  it('passes at 70% of the job’s skills, warns at 40%, fails below, naming what is missing', () => {
    expect(status('keyword-coverage', job('Requirements: Python, Java, Kubernetes and Redis.'))).toBe('pass');
    expect(item('keyword-coverage', job('Requirements: Python, Java, Terraform, Kafka.'))).toMatchObject({ status: 'warn', detail: expect.stringContaining('Missing: Terraform, Kafka') });
    expect(status('keyword-coverage', job('Requirements: Go, Apache Spark, Kafka, Terraform and Python.'))).toBe('fail');
  });
  it('weighs required skills over nice-to-have ones', () => {
    const detail = item('keyword-coverage', job('Requirements: Python and Java.\nNice to have: Terraform.')).detail;
    expect(detail).toContain('2 of 2 required');
    expect(detail).toContain('Terraform (nice to have)');
    expect(status('keyword-coverage', job('Requirements: Python and Java.\nNice to have: Terraform.'))).toBe('pass');
  });
  it('knows aliases and counts the parsed skills list as well as the text', () => {
    const resume = { ...GOOD_RESUME, skills: ['JS', 'Terraform'] };
    expect(status('keyword-coverage', input({ text: 'Grace Hopper', job: { text: 'Requirements: JavaScript and Terraform.' } }, resume))).toBe('pass');
  });
  it('names the taxonomy version it read with, and says so rather than failing on an oversized job text', () => {
    expect(checkAts(job('Python')).taxonomyVersion).toMatch(/\d/);
    expect(item('keyword-coverage', job('Python '.repeat(40_000)))).toMatchObject({ status: 'not-checked', detail: expect.stringContaining('limit') });
  });
});
