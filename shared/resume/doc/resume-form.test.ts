import { describe, expect, it } from 'vitest';
import { parsedResumeSchema } from '../parsed-resume';
import { emptyExperience, emptyProject, formToResume, normaliseResumeDate, resumeToForm } from './resume-form';
import { testResume } from './test-resume';

describe('resume form', () => {
  it('goes to the form and back without changing the resume', () => {
    const { resume } = testResume({
      resume: {
        ...testResume().resume,
        certifications: ['AWS Certified Developer'],
        languages: ['English', 'French'],
        projects: [{ name: 'TrackRuit', description: 'Job tracker', bullets: ['Local-first'], links: ['https://example.com'] }],
      },
    });
    const back = formToResume(resumeToForm(resume));
    expect(back).toEqual({ ok: true, resume });
  });

  it('drops blank entries, empty fields, blank lines and repeated skills', () => {
    const form = resumeToForm(testResume().resume);
    form.summary = '   ';
    form.contact.phone = '';
    form.contact.links = 'https://ada.dev\n\n  https://github.com/ada  \n';
    form.experience.push(emptyExperience());
    form.experience[0]!.bullets = 'Wrote notes\n\nRan the engine';
    form.skills = ['JavaScript', 'javascript', ' React ', ''];
    const result = formToResume(form);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(parsedResumeSchema.parse(result.resume)).toEqual(result.resume);
    expect('summary' in result.resume).toBe(false);
    expect('phone' in result.resume.contact).toBe(false);
    expect(result.resume.contact.links).toEqual(['https://ada.dev', 'https://github.com/ada']);
    expect(result.resume.experience).toHaveLength(1);
    expect(result.resume.experience[0]!.bullets).toEqual(['Wrote notes', 'Ran the engine']);
    expect(result.resume.skills).toEqual(['JavaScript', 'React']);
  });

  it('normalises dates and names the fields it cannot read', () => {
    expect(normaliseResumeDate('2021-3')).toBe('2021-03');
    expect(normaliseResumeDate('2021/11')).toBe('2021-11');
    expect(normaliseResumeDate('present')).toBe('Present');
    expect(normaliseResumeDate('2019')).toBe('2019');
    expect(normaliseResumeDate('March 2020')).toBeUndefined();
    expect(normaliseResumeDate('2020-13')).toBeUndefined();

    const form = resumeToForm(testResume().resume);
    form.experience[0]!.start = 'last spring';
    const project = emptyProject();
    project.description = 'No name given';
    form.projects.push(project);
    expect(formToResume(form)).toEqual({
      ok: false,
      errors: { 'experience.0.start': 'Write the date as YYYY-MM, YYYY or Present.', 'projects.0.name': 'A project needs a name.' },
    });
  });
});
