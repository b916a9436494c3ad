import { describe, expect, it } from 'vitest';
import { emptyParsedResume } from '../empty-resume';
import type { ResumeTruth } from './score';
import { scoreResume, summarise } from './score';

const truth: ResumeTruth = {
  name: 'Aoife Brennan',
  email: 'aoife@example.com',
  phone: '07700 900482',
  titles: ['Staff Nurse', 'Healthcare Assistant'],
  employers: ['Bupa Care Homes', 'Bupa Care Homes'],
  schools: ['University of the West of England'],
  skills: ['JavaScript', 'Wound care', 'NEWS2'],
};

describe('scoreResume', () => {
  it('matches values ignoring case, punctuation and spacing, skills by their taxonomy name, phones by their digits', () => {
    const parsed = emptyParsedResume();
    parsed.contact = { name: 'AOIFE  BRENNAN', email: 'Aoife@Example.com', phone: '+447700900482', links: [] };
    parsed.experience = [
      { title: 'Staff Nurse', company: 'Bupa Care Homes.', bullets: [] },
      { title: 'Healthcare assistant', company: 'Bupa Care Homes, Clifton', bullets: [] },
    ];
    parsed.education = [{ institution: 'University of the West of England', details: [] }];
    parsed.skills = ['JS', 'wound care', 'Excel'];
    const score = scoreResume(parsed, truth);
    expect(score.fields.name).toEqual({ truth: 1, found: 1, correct: 1 });
    expect(score.fields.email.correct).toBe(1);
    expect(score.fields.phone.correct).toBe(1);
    expect(score.fields.titles).toEqual({ truth: 2, found: 2, correct: 2 });
    // Each truth value is matched once: the second "Bupa Care Homes" was not found as written.
    expect(score.fields.employers).toEqual({ truth: 2, found: 2, correct: 1 });
    expect(score.misses.employers).toEqual({ missed: ['Bupa Care Homes'], extra: ['Bupa Care Homes, Clifton'] });
    expect(score.fields.skills).toEqual({ truth: 3, found: 3, correct: 2 });
    expect(score.misses.skills).toEqual({ missed: ['NEWS2'], extra: ['Excel'] });
  });

  it('counts a school or employer split into its name and its place as found', () => {
    const parsed = emptyParsedResume();
    parsed.education = [{ institution: 'Kendriya Vidyalaya', location: 'Adyar', details: [] }, { institution: 'Loyola College', location: 'Chennai', details: [] }];
    const score = scoreResume(parsed, { ...truth, schools: ['Kendriya Vidyalaya, Adyar', 'Loyola College'] });
    expect(score.fields.schools).toEqual({ truth: 2, found: 2, correct: 2 });
  });

  it('counts two names of one taxonomy skill once, on either side', () => {
    const parsed = emptyParsedResume();
    parsed.skills = ['JavaScript', 'JS', 'NEWS2'];
    const score = scoreResume(parsed, { ...truth, skills: ['JavaScript', 'ECMAScript', 'NEWS2', 'Wound care'] });
    expect(score.fields.skills).toEqual({ truth: 3, found: 2, correct: 2 });
  });

  it('counts nothing found as zero recall, and pools fields in the overall figure', () => {
    const score = scoreResume(emptyParsedResume(), truth);
    const summary = summarise([score]);
    expect(summary.fields.skills).toMatchObject({ truth: 3, found: 0, correct: 0, recall: 0, precision: 0 });
    expect(summary.overall).toMatchObject({ truth: 11, found: 0, correct: 0, recall: 0 });
  });
});
