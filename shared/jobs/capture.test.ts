import { describe, expect, it } from 'vitest';
import { JOB_DOC_VERSION, jobSchema } from '../schema/job';
import { captureMessageSchema, jobFromCapture, jobIdFor, type CapturedJob } from './capture';
import { acmeCapture } from '../../tests/fixtures/jobs';

const captured: CapturedJob = acmeCapture;
const first = new Date('2026-11-20T10:00:00.000Z');
const later = new Date('2026-11-21T09:30:00.000Z');

describe('jobFromCapture', () => {
  it('creates an applied, auto-detected job under a deterministic id', () => {
    const job = jobFromCapture(captured, first);
    expect(job).toMatchObject({
      id: 'linkedin:4012345678',
      status: 'applied',
      source: 'auto_detect',
      appliedAt: first.toISOString(),
      createdAt: first.toISOString(),
      statusHistory: [{ status: 'applied', at: first.toISOString() }],
      schemaVersion: JOB_DOC_VERSION,
      isActive: true,
    });
    expect(jobSchema.safeParse(job).success).toBe(true);
  });

  it('updates an existing record without resetting what the user did', () => {
    const existing = { ...jobFromCapture(captured, first), status: 'interview' as const };
    const job = jobFromCapture({ ...captured, title: 'Senior Frontend Engineer (Remote)' }, later, existing);
    expect(job.id).toBe(existing.id);
    expect(job.title).toBe('Senior Frontend Engineer (Remote)');
    expect(job.status).toBe('interview');
    expect(job.createdAt).toBe(first.toISOString());
    expect(job.appliedAt).toBe(first.toISOString());
    expect(job.statusHistory).toEqual(existing.statusHistory);
    expect(job.updatedAt).toBe(later.toISOString());
  });

  it('moves a saved job to applied and records it in the history', () => {
    const saved = { ...jobFromCapture(captured, first), status: 'saved' as const, statusHistory: [], appliedAt: undefined };
    const job = jobFromCapture(captured, later, saved);
    expect(job.status).toBe('applied');
    expect(job.appliedAt).toBe(later.toISOString());
    expect(job.statusHistory).toEqual([{ status: 'applied', at: later.toISOString() }]);
  });
});

describe('detection', () => {
  const detection = { rulesVersion: 2, signal: 'easy_apply_confirmation', layout: 'top-card-structure' };

  it('keeps what recognised the job, replaced by a later capture and kept when the job is typed in again', () => {
    const job = jobFromCapture({ ...captured, detection }, first);
    expect(job.detection).toEqual(detection);
    const recaptured = jobFromCapture({ ...captured, detection: { rulesVersion: 3, signal: 'applied_badge' } }, later, job);
    expect(recaptured.detection).toEqual({ rulesVersion: 3, signal: 'applied_badge' });
    expect(jobFromCapture(captured, later, recaptured, 'manual').detection).toEqual({ rulesVersion: 3, signal: 'applied_badge' });
    expect(jobFromCapture(captured, first).detection).toBeUndefined();
  });

  it('refuses a capture whose detection is not bounded tokens', () => {
    const message = (value: unknown) => captureMessageSchema.safeParse({ type: 'job:captured', job: { ...captured, detection: value } }).success;
    expect(message(detection)).toBe(true);
    expect(message({ ...detection, signal: 'Easy Apply!' })).toBe(false);
    expect(message({ ...detection, rulesVersion: 1.5 })).toBe(false);
    expect(message({ ...detection, note: 'x' })).toBe(false);
  });
});

describe('captureMessageSchema', () => {
  it('accepts a capture message', () => {
    expect(captureMessageSchema.safeParse({ type: 'job:captured', job: captured }).success).toBe(true);
  });

  it.each([
    ['an unknown field', { ...captured, extra: 1 }],
    ['a non-numeric-ish job id', { ...captured, siteJobId: '../../etc' }],
    ['a javascript: URL', { ...captured, url: 'javascript:alert(1)' }],
    ['an empty title', { ...captured, title: '   ' }],
    ['an oversized company', { ...captured, company: 'x'.repeat(201) }],
  ])('refuses %s', (_name, job) => {
    expect(captureMessageSchema.safeParse({ type: 'job:captured', job }).success).toBe(false);
  });
});

describe('URL-only jobs and posting details', () => {
  const careerPage: CapturedJob = {
    platform: 'other',
    title: 'Platform Engineer',
    company: 'Initech',
    url: 'https://boards.greenhouse.io/initech/jobs/5551234',
    salary: 'USD 120,000–150,000 per year',
    employmentType: 'Full-time',
    postedAt: '2026-11-18T00:00:00.000Z',
  };

  it('gives a URL-only job a deterministic id that ignores tracking parameters and fragments', () => {
    const id = jobIdFor('other', undefined, careerPage.url);
    expect(id).toMatch(/^other:url\.[0-9a-z]{1,11}$/);
    expect(jobIdFor('other', undefined, `${careerPage.url}?utm_source=x&gh_src=abc#apply`)).toBe(id);
    expect(jobIdFor('other', undefined, 'https://boards.greenhouse.io/initech/jobs/5551235')).not.toBe(id);
    expect(jobIdFor('linkedin', '4012345678', careerPage.url)).toBe('linkedin:4012345678');
    expect(() => jobIdFor('other', undefined)).toThrow(/site job id or a URL/);
    // Unrelated career sites can share numeric ids: 'other' keys on the URL even with one.
    expect(jobIdFor('other', '5551234', careerPage.url)).toBe(id);
  });

  it('maps the posting details and the source onto the job', () => {
    const job = jobFromCapture({ ...careerPage, duration: '3 Months', startDate: 'Immediately' }, first, undefined, 'manual');
    expect(job).toMatchObject({
      id: jobIdFor('other', undefined, careerPage.url),
      source: 'manual',
      salary: 'USD 120,000–150,000 per year',
      employmentType: 'Full-time',
      postedAt: '2026-11-18T00:00:00.000Z',
      duration: '3 Months',
      startDate: 'Immediately',
    });
    expect(job.siteJobId).toBeUndefined();
    expect(jobSchema.safeParse(job).success).toBe(true);
  });

  it('accepts a capture without a site job id but refuses a non-ISO posted date', () => {
    expect(captureMessageSchema.safeParse({ type: 'job:captured', job: careerPage }).success).toBe(true);
    expect(captureMessageSchema.safeParse({ type: 'job:captured', job: { ...careerPage, postedAt: '2 days ago' } }).success).toBe(false);
  });
});
