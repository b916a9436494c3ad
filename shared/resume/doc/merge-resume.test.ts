import { describe, expect, it } from 'vitest';
import { mergeResumeStates, stampResumeFieldTimes, type ResumeState } from './merge-resume';
import type { Resume } from './resume-doc';
import { testResume } from './test-resume';

const T0 = '2026-11-20T10:00:00.000Z';
const T1 = '2026-11-20T11:00:00.000Z';
const T2 = '2026-11-20T12:00:00.000Z';
const T3 = '2026-11-20T13:00:00.000Z';

const base = stampResumeFieldTimes(undefined, testResume({}, T0));
function edit(from: Resume, at: string, change: (r: Resume) => Resume): Resume {
  return stampResumeFieldTimes(from, { ...change(structuredClone(from)), updatedAt: at });
}

describe('mergeResumeStates', () => {
  it('keeps edits of different sections from both devices, whichever side is local', () => {
    const a = edit(base, T1, (r) => ({ ...r, resume: { ...r.resume, summary: 'Builds sync engines.' } }));
    const b = edit(base, T2, (r) => ({ ...r, name: 'Frontend resume', resume: { ...r.resume, skills: [...r.resume.skills, 'React'] } }));
    const ab = mergeResumeStates(base, a, b);
    const ba = mergeResumeStates(base, b, a);
    expect(ab).toEqual(ba);
    expect(ab).toMatchObject({ name: 'Frontend resume', updatedAt: T2 });
    expect(ab.resume.summary).toBe('Builds sync engines.');
    expect(ab.resume.skills).toEqual(['JavaScript', 'PostgreSQL', 'React']);
    expect(ab.parsed).toEqual(base.parsed);
  });

  it('takes the later edit when both devices changed the same section', () => {
    const a = edit(base, T2, (r) => ({ ...r, resume: { ...r.resume, contact: { ...r.resume.contact, phone: '+1 415 555 0100' } } }));
    const b = edit(base, T1, (r) => ({ ...r, resume: { ...r.resume, contact: { ...r.resume.contact, phone: '+91 98765 43210' } } }));
    expect(mergeResumeStates(base, a, b).resume.contact.phone).toBe('+1 415 555 0100');
    expect(mergeResumeStates(base, b, a).resume.contact.phone).toBe('+1 415 555 0100');
  });

  it('removes a cleared optional section on the side that cleared it', () => {
    const a = edit(base, T1, (r) => {
      const { summary: _summary, ...rest } = r.resume;
      return { ...r, resume: rest };
    });
    const merged = mergeResumeStates(base, base, a);
    expect('summary' in merged.resume).toBe(false);
  });

  it('never loses a resume edited after it was deleted elsewhere; a later deletion wins', () => {
    const deletedEarly: ResumeState = { ...base, updatedAt: T1, _deleted: true };
    const edited = edit(base, T2, (r) => ({ ...r, name: 'Edited later' }));
    const kept = mergeResumeStates(base, deletedEarly, edited);
    expect(kept._deleted).toBe(false);
    expect(kept.name).toBe('Edited later');
    expect(mergeResumeStates(base, edited, deletedEarly)).toEqual(kept);

    const deletedLate: ResumeState = { ...base, updatedAt: T3, _deleted: true };
    expect(mergeResumeStates(base, deletedLate, edited)._deleted).toBe(true);
  });

  it('agrees on equal edit times by value', () => {
    const a = edit(base, T1, (r) => ({ ...r, name: 'A' }));
    const b = edit(base, T1, (r) => ({ ...r, name: 'B' }));
    expect(mergeResumeStates(base, a, b).name).toBe(mergeResumeStates(base, b, a).name);
  });
});

describe('stampResumeFieldTimes', () => {
  it('stamps only the parts that changed', () => {
    const next = edit(base, T1, (r) => ({ ...r, resume: { ...r.resume, languages: ['French'] } }));
    expect(next.fieldTimes?.languages).toBe(T1);
    expect(next.fieldTimes?.skills).toBe(T0);
    expect(next.fieldTimes?.name).toBe(T0);
  });
});
