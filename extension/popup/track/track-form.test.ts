import { describe, expect, it } from 'vitest';
import type { ExtractedJob } from '../../../shared/sites/types';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { capturedFromForm, DESCRIPTION_EXCERPT_CHARS, formFromJob } from './track-form';

const extracted: ExtractedJob = {
  ...acmeCapture,
  salary: '€70k–€85k',
  employmentType: 'Full-time',
  description: 'x'.repeat(DESCRIPTION_EXCERPT_CHARS + 500),
  postedAt: '2026-11-18T09:00:00.000Z',
};

describe('formFromJob', () => {
  it('prefills every field, with an excerpt of the description', () => {
    const form = formFromJob(extracted, 'https://www.linkedin.com/jobs/view/4012345678/?trk=x');
    expect(form).toMatchObject({
      title: 'Senior Frontend Engineer',
      company: 'Acme Robotics',
      location: 'Berlin, Germany',
      url: 'https://www.linkedin.com/jobs/view/4012345678/',
      salary: '€70k–€85k',
      employmentType: 'Full-time',
      platform: 'linkedin',
      siteJobId: '4012345678',
    });
    expect(form.description).toHaveLength(DESCRIPTION_EXCERPT_CHARS);
    expect(form.description.endsWith('…')).toBe(true);
  });

  it('starts from the page address alone when no job was found', () => {
    expect(formFromJob(null, 'https://example.com/careers')).toEqual({
      title: '',
      company: '',
      location: '',
      url: 'https://example.com/careers',
      salary: '',
      employmentType: '',
      description: '',
      platform: 'other',
    });
  });
});

describe('capturedFromForm', () => {
  it('builds the capture, leaving out empty fields', () => {
    const form = { ...formFromJob(extracted, extracted.url), title: '  Staff Frontend Engineer ', salary: '', description: 'Short.' };
    expect(capturedFromForm(form)).toEqual({
      ok: true,
      job: {
        platform: 'linkedin',
        siteJobId: '4012345678',
        title: 'Staff Frontend Engineer',
        company: 'Acme Robotics',
        location: 'Berlin, Germany',
        url: 'https://www.linkedin.com/jobs/view/4012345678/',
        employmentType: 'Full-time',
        description: 'Short.',
        postedAt: '2026-11-18T09:00:00.000Z',
      },
    });
  });

  it('drops the site id and page details once the address is changed', () => {
    const form = { ...formFromJob(extracted, extracted.url), url: 'https://careers.acme.example/jobs/77' };
    const checked = capturedFromForm(form);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.job).not.toHaveProperty('siteJobId');
    expect(checked.job).not.toHaveProperty('postedAt');
    expect(checked.job.url).toBe('https://careers.acme.example/jobs/77');
  });

  it('keeps what recognised the job while the address is the one read, and drops a malformed one', () => {
    const detection = { rulesVersion: 2, signal: 'structured_data' };
    const kept = capturedFromForm(formFromJob(extracted, extracted.url, detection));
    expect(kept.ok && kept.job.detection).toEqual(detection);
    const moved = capturedFromForm({ ...formFromJob(extracted, extracted.url, detection), url: 'https://careers.acme.example/jobs/77' });
    expect(moved.ok && moved.job).not.toHaveProperty('detection');
    const odd = capturedFromForm(formFromJob(extracted, extracted.url, { rulesVersion: 0, signal: 'x' }));
    expect(odd.ok && odd.job).not.toHaveProperty('detection');
  });

  it('names the fields to fix', () => {
    const form = { ...formFromJob(null, 'javascript:alert(1)'), company: 'c'.repeat(201) };
    expect(capturedFromForm(form)).toEqual({
      ok: false,
      fields: {
        title: 'Enter the job title.',
        company: 'Keep it under 200 characters.',
        url: 'Enter the posting’s http:// or https:// address.',
      },
    });
  });
});

describe('hidden details', () => {
  it('drops a site id or date the schema refuses instead of blocking the save', () => {
    const form = formFromJob({ ...extracted, siteJobId: 'REQ 2026/17', postedAt: 'last Tuesday' }, extracted.url);
    const checked = capturedFromForm(form);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.job).not.toHaveProperty('siteJobId');
    expect(checked.job).not.toHaveProperty('postedAt');
    expect(checked.job.title).toBe('Senior Frontend Engineer');
  });
});
