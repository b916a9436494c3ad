import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALGORITHM_VERSION, exactScore, match, type MatchJob, type MatchResume } from './match';
import { taxonomy } from './taxonomy';
import { MAX_TEXT_CHARS, MatchInputError } from './text';

const job: MatchJob = {
  title: 'Senior Backend Engineer',
  description:
    'Backend Engineer. Requirements: 5+ years with Node.js and Express, PostgreSQL, Docker, Kubernetes. Nice to have: Redis, Kafka. Bachelor\'s degree in computer science. Remote.',
};
const resume: MatchResume = {
  title: 'Software Engineer',
  text: "Software engineer, 6 years.\n- Built REST services in Node.js and Express\n- Modelled data in PostgreSQL\n- Containerised services with Docker\n- Added Redis caching\nBachelor's in Computer Science",
};

describe('match', () => {
  it('scores 0-100 with a band, a version and each met skill with the line that shows it', () => {
    const result = match(resume, job);
    expect(result.algorithmVersion).toBe(ALGORITHM_VERSION);
    expect(result.taxonomyVersion).toBe(taxonomy().version);
    expect(result.basis).toBe('full');
    expect(result.score).toBeGreaterThanOrEqual(0);
    expect(result.score).toBeLessThanOrEqual(100);
    expect(['excellent', 'good', 'fair', 'low', 'poor']).toContain(result.band);
    const required = Object.fromEntries(result.skills.required.map((s) => [s.name, s]));
    expect(required['Express']).toEqual({ name: 'Express', status: 'met', evidence: 'Built REST services in Node.js and Express' });
    expect(required['Kubernetes']).toEqual({ name: 'Kubernetes', status: 'missing' });
  });

  it('tells met, partly met (a broader or sibling skill) and missing apart', () => {
    const result = match({ text: 'Ran container orchestration clusters. Wrote tests with Mocha.' }, { description: 'Requirements: Kubernetes, Jest, Salesforce.' });
    expect(result.skills.required.map((s) => [s.name, s.status, s.via])).toEqual([
      ['Kubernetes', 'partly', 'Container orchestration'],
      ['Jest', 'partly', 'Mocha'],
      ['Salesforce', 'missing', undefined],
    ]);
  });

  it('matches outside software: teaching, accounting, kitchens', () => {
    const teacher = match({ text: 'Planned lessons for a class of 28 and managed the classroom. Differentiated instruction for English learners.' }, { title: 'Teacher', description: 'Requirements: lesson planning, classroom management, differentiated instruction.' });
    expect(teacher.skills.required.map((s) => s.status)).toEqual(['met', 'met', 'met']);
    const accountant = match({ text: 'Closed the books monthly under US GAAP and reconciled vendor accounts in NetSuite.' }, { description: 'Requirements: month-end close, GAAP, account reconciliations, QuickBooks.' });
    expect(accountant.skills.required.map((s) => [s.name, s.status])).toEqual([
      ['Month-end close', 'met'],
      ['GAAP', 'met'],
      ['Account reconciliation', 'met'],
      ['QuickBooks', 'partly'],
    ]);
    const cook = match({ text: 'Line cook: food prep for 120 covers, kept HACCP logs.' }, { description: 'Must have: ServSafe, food prep. Bonus: menu development.' });
    expect(cook.skills.required.map((s) => s.status)).toEqual(['met', 'met']);
  });

  it('reads years, education, seniority and remote work', () => {
    const result = match(resume, job);
    expect(result.experience).toEqual({ yearsAsked: 5, yearsShown: 6 });
    expect(result.education).toEqual({ asked: "bachelor's", shown: "bachelor's" });
    expect(result.title.jobSeniority).toBe(3);
    expect(result.location.remote).toBe(true);
  });

  it('takes seniority from years when the resume title names no level', () => {
    const senior = { title: 'Senior Data Engineer', description: 'Requirements: SQL.' };
    expect(match({ title: 'Data Engineer', text: 'Data engineer, 6 years of SQL.' }, senior).title.resumeSeniority).toBe(3);
    expect(match({ title: 'Lead Data Engineer', text: 'Two years of SQL.' }, senior).title.resumeSeniority).toBe(4);
    expect(match({ title: 'Data Engineer', text: 'SQL.' }, senior).title.resumeSeniority).toBe(2);
  });

  it('gives the same result for the same inputs', () => {
    expect(JSON.stringify(match(resume, job))).toBe(JSON.stringify(match(resume, job)));
  });

  it('marks a job with no description as scored on its title only', () => {
    const result = match(resume, { title: 'Backend Engineer', description: '  ' });
    expect(result.basis).toBe('title-only');
    expect(result.components.map((c) => c.name)).toEqual(['title']);
    expect(result.skills).toEqual({ required: [], niceToHave: [] });
    expect(result.score).toBeGreaterThan(0);
  });

  it('refuses oversized input with a clear error', () => {
    const huge = 'x '.repeat(MAX_TEXT_CHARS);
    expect(() => match({ text: huge }, job)).toThrow(MatchInputError);
    expect(() => match(resume, { description: huge })).toThrow(/job description is \d+ characters; the limit is 200000/);
  });

  it('never lowers the score when a required skill is added to the resume', () => {
    const before = match(resume, job);
    for (const missing of before.skills.required.filter((s) => s.status !== 'met')) {
      const after = match({ ...resume, text: `${resume.text}\nSkills: ${missing.name}` }, job);
      expect(after.score, missing.name).toBeGreaterThanOrEqual(before.score);
      expect(after.skills.required.find((s) => s.name === missing.name)?.status).toBe('met');
    }
  });

  it('never lowers the score when a required skill is added, over random jobs and resumes from the taxonomy', () => {
    const names = [...taxonomy().skills.keys()];
    const skill = fc.constantFrom(...names);
    fc.assert(
      fc.property(fc.array(skill, { minLength: 1, maxLength: 8 }), fc.array(skill, { maxLength: 4 }), fc.array(skill, { maxLength: 8 }), fc.nat(), (req, nice, have, pick) => {
        const description = `Requirements: ${req.join(', ')}. Nice to have: ${nice.join(', ')}.`;
        const text = `Experience with ${have.join(', ')}.`;
        const added = req[pick % req.length]!;
        const before = match({ text }, { title: 'Engineer', description });
        const after = match({ text: `${text}\nSkills: ${added}` }, { title: 'Engineer', description });
        expect(exactScore(after.components)).toBeGreaterThanOrEqual(exactScore(before.components) - 1e-9);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 150, seed: 15 },
    );
  });
});
