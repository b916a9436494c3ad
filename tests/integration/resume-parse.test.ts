import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterErrorRate } from '../../shared/resume/cer';
import { normaliseSkill } from '../../shared/resume/skills';
import type { ParseOutcome } from '../../shared/resume/extract/types';
import { parseResumeBuffer } from '../../server/resume/parse-file';

/**
 * The Node path (pdf.js legacy build, @napi-rs/canvas, tesseract.js, mammoth)
 * on every fixture with ground truth. Each file is parsed once, in beforeAll
 * (OCR takes seconds per page), and the assertions read the stored outcome.
 */
const FIXTURES = path.resolve('tests/fixtures/resumes');

interface Expected {
  truth: string;
  name: string;
  email: string;
  phone: string;
  employers: string[];
  degrees: string[];
  skills: string[];
}

const RESUMES: Record<'r1' | 'r2' | 'r3', Expected> = {
  r1: {
    truth: 'resume1_single_column',
    name: 'Maria Elena Fischer',
    email: 'maria.fischer@example.com',
    phone: '+14155550173',
    employers: ['Ledgerline Inc.', 'Brightpath Financial', 'Tollgate Systems'],
    degrees: ['M.S. Computer Science', 'B.S. Mathematics'],
    skills: ['Go', 'Java', 'Kotlin', 'Python', 'SQL', 'Kubernetes', 'Terraform', 'AWS', 'ECS', 'Lambda', 'Aurora', 'Kafka', 'Redis', 'domain-driven design', 'on-call leadership', 'code review'],
  },
  r2: {
    truth: 'resume2_two_column',
    name: 'Kwame Osei-Mensah',
    email: 'kwame.osei@example.org',
    phone: '+442079460958',
    employers: ['Northwind Retail Group', 'Halcyon Health Analytics', 'Pennine Insurance'],
    degrees: ['MSc Data Science', 'BSc Statistics'],
    skills: ['Python', 'R', 'SQL', 'PyTorch', 'scikit-learn', 'Spark', 'Airflow', 'dbt', 'A/B testing', 'causal inference', 'Tableau', 'Looker'],
  },
  r3: {
    truth: 'resume3_skills_table',
    name: 'Priya Raghunathan',
    email: 'priya.r@example.net',
    phone: '+13125550148',
    employers: ['Verity Medical Devices', 'Sensata Controls'],
    degrees: ['B.Tech. Electronics and Communication Engineering'],
    skills: ['C', 'C++', 'FreeRTOS', 'Zephyr', 'Jira', 'Smartsheet', 'MS Project', 'AWS IoT Core', 'MQTT', 'Azure', 'SQL', 'Power BI', 'Excel VBA', 'ISO 13485', 'IEC 62304', 'FDA 510(k)'],
  },
};

const CASES: { file: string; resume: keyof typeof RESUMES; maxCer: number; kind: ParseOutcome['kind']; ocr: boolean }[] = [
  { file: 'resume1_single_column.pdf', resume: 'r1', maxCer: 0.01, kind: 'pdf', ocr: false },
  { file: 'resume2_two_column.pdf', resume: 'r2', maxCer: 0.01, kind: 'pdf', ocr: false },
  { file: 'resume3_skills_table.pdf', resume: 'r3', maxCer: 0.01, kind: 'pdf', ocr: false },
  { file: 'resume1_single_column.docx', resume: 'r1', maxCer: 0.01, kind: 'docx', ocr: false },
  { file: 'resume2_two_column.docx', resume: 'r2', maxCer: 0.01, kind: 'docx', ocr: false },
  { file: 'resume3_skills_table.docx', resume: 'r3', maxCer: 0.01, kind: 'docx', ocr: false },
  { file: 'resume2_two_column_scanned_150dpi.pdf', resume: 'r2', maxCer: 0.03, kind: 'pdf', ocr: true },
  { file: 'resume1_single_column_scanned_noisy_200dpi.pdf', resume: 'r1', maxCer: 0.03, kind: 'pdf', ocr: true },
  { file: 'resume3_skills_table_scanned_300dpi.pdf', resume: 'r3', maxCer: 0.03, kind: 'pdf', ocr: true },
  { file: 'resume1_single_column_150dpi-1.png', resume: 'r1', maxCer: 0.03, kind: 'image', ocr: true },
  { file: 'resume2_two_column_noisy_rot1.3_200dpi.jpg', resume: 'r2', maxCer: 0.03, kind: 'image', ocr: true },
];

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

const outcomes = new Map<string, ParseOutcome>();
const truths = new Map<string, string>();

beforeAll(async () => {
  for (const resume of Object.values(RESUMES)) truths.set(resume.truth, await readFile(path.join(FIXTURES, `${resume.truth}.gt.txt`), 'utf8'));
  // One at a time: the machine has two cores and OCR takes both.
  for (const c of CASES) {
    const bytes = new Uint8Array(await readFile(path.join(FIXTURES, c.file)));
    outcomes.set(c.file, await parseResumeBuffer(bytes, { declaredType: c.file }));
  }
}, 300_000);

describe.each(CASES)('$file', (c) => {
  const expected = RESUMES[c.resume];
  const outcome = () => outcomes.get(c.file)!;

  it(`is read as ${c.kind}${c.ocr ? ' by OCR' : ''} with a CER of at most ${c.maxCer * 100}%`, () => {
    expect(outcome()).toMatchObject({ kind: c.kind, pages: 1, ocrPages: c.ocr ? 1 : 0 });
    const cer = characterErrorRate(truths.get(expected.truth)!, outcome().text);
    expect(cer).toBeLessThanOrEqual(c.maxCer);
  });

  it('finds the name, email and phone', () => {
    expect(outcome().resume.contact).toMatchObject({ name: expected.name, email: expected.email, phone: expected.phone });
  });

  it('finds every employer and every degree', () => {
    const companies = outcome().resume.experience.map((e) => fold(e.company ?? ''));
    for (const employer of expected.employers) expect(companies.some((c) => c.includes(fold(employer)))).toBe(true);
    const degrees = outcome().resume.education.map((e) => fold(e.degree ?? ''));
    for (const degree of expected.degrees) expect(degrees.some((d) => d.includes(fold(degree)))).toBe(true);
  });

  it('finds at least 90% of the listed skills', () => {
    const skills = new Set(outcome().resume.skills.map(fold));
    const found = expected.skills.filter((s) => skills.has(fold(normaliseSkill(s))));
    expect(found.length / expected.skills.length).toBeGreaterThanOrEqual(0.9);
  });
});
