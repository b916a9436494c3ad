import { describe, expect, it } from 'vitest';
import { emptyParsedResume } from '../resume/parsed-resume';
import { resumeFromJson, resumeFromParsed, yearsFromDates } from './resume-input';
import { MatchInputError } from './text';

describe('resume input', () => {
  it('reads a parsed resume: its lines, first title, location, listed skills and dated years', () => {
    const parsed = {
      ...emptyParsedResume(),
      contact: { name: 'A', location: 'Berlin, Germany', links: [] },
      experience: [
        { title: 'Data Analyst', company: 'Acme', start: '2019-01', end: '2021-01', bullets: ['Built Tableau dashboards'] },
        { title: 'Analyst Intern', company: 'Beta', start: '2020-06', end: '2022-01', bullets: [] },
      ],
      skills: ['SQL', 'Python'],
    };
    const resume = resumeFromParsed(parsed);
    expect(resume.title).toBe('Data Analyst');
    expect(resume.location).toBe('Berlin, Germany');
    expect(resume.text).toContain('Built Tableau dashboards');
    expect(resume.text).toContain('Skills: SQL, Python');
    expect(resume.yearsFromDates).toBe(3);
  });

  it('counts overlapping roles once and leaves "Present" out unless resolved', () => {
    expect(yearsFromDates([{ start: '2020', end: '2022', bullets: [] }, { start: '2021', end: '2023', bullets: [] }])).toBe(3);
    expect(yearsFromDates([{ start: '2020', end: 'Present', bullets: [] }])).toBeUndefined();
    expect(resumeFromJson({ ...emptyParsedResume(), experience: [{ start: '2020-01', end: 'Present', bullets: [] }] }, '2022-07').yearsFromDates).toBe(2.5);
  });

  it('takes { text } and refuses anything else with a clear error', () => {
    expect(resumeFromJson({ text: 'Nurse', title: 'RN' })).toEqual({ text: 'Nurse', title: 'RN' });
    expect(() => resumeFromJson({ name: 'x' })).toThrow(MatchInputError);
    expect(() => resumeFromJson(null)).toThrow(/neither a parsed resume/);
  });
});
