import { describe, expect, it } from 'vitest';
import { jobSchema } from '../schema/job';
import { jobFromCapture } from './capture';
import { manualJob } from './edit';
import {
  applyDraft,
  conflictingFields,
  draftFromJob,
  draftWithEdits,
  editField,
  EMPTY_NEW_JOB,
  newJobFromDraft,
  normaliseUrl,
  pendingFields,
  validateJob,
  withoutEdits,
} from './job-form';
import { acmeCapture } from '../../tests/fixtures/jobs';

const created = '2026-11-20T10:00:00.000Z';
const later = '2026-11-21T09:00:00.000Z';
const job = { ...jobFromCapture(acmeCapture, new Date(created)), salary: '€70k', followUpAt: '2026-12-01T08:00:00.000Z' };

describe('job form draft', () => {
  it('holds every editable field as an input value', () => {
    const draft = draftFromJob(job);
    expect(draft).toMatchObject({ title: 'Senior Frontend Engineer', company: 'Acme Robotics', status: 'applied', platform: 'linkedin', salary: '€70k', duration: '' });
    expect(draft.appliedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(draft.followUpAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('applies only the edited fields, and a draft left alone changes nothing', () => {
    const draft = { ...draftFromJob(job), title: '  Staff Engineer ', location: '', salary: '€80k', duration: ' 6 months ' };
    const saved = applyDraft(job, draft, ['title', 'location', 'salary', 'duration'], later);
    expect(saved).toMatchObject({ title: 'Staff Engineer', salary: '€80k', duration: '6 months', updatedAt: later });
    expect('location' in saved).toBe(false);
    expect(saved.statusHistory).toEqual(job.statusHistory);
    expect(validateJob(saved)).toEqual({ ok: true, job: saved });

    const untouched = applyDraft(job, draftFromJob(job), [], later);
    expect({ ...untouched, updatedAt: job.updatedAt }).toEqual(job);
  });

  it('round-trips dates through their inputs without moving them', () => {
    const draft = draftFromJob(job);
    const saved = applyDraft(job, draft, ['appliedAt', 'followUpAt'], later);
    expect(saved.appliedAt).toBe(job.appliedAt);
    expect(saved.followUpAt).toBe(job.followUpAt);
    const cleared = applyDraft(job, { ...draft, followUpAt: '' }, ['followUpAt'], later);
    expect('followUpAt' in cleared).toBe(false);
  });

  it('records a status change in the history, and the user’s applied date wins over the automatic one', () => {
    const saved = manualJob({ title: 'Designer', company: 'Globex', url: 'https://globex.example/1', status: 'saved' }, created);
    const draft = { ...draftFromJob(saved), status: 'applied' };
    const moved = applyDraft(saved, draft, ['status'], later);
    expect(moved.statusHistory).toEqual([
      { status: 'saved', at: created },
      { status: 'applied', at: later },
    ]);
    expect(moved.appliedAt).toBe(later);
    const dated = applyDraft(saved, { ...draft, appliedAt: '2026-11-18' }, ['status', 'appliedAt'], later);
    expect(dated.status).toBe('applied');
    expect(draftFromJob(dated).appliedAt).toBe('2026-11-18');
  });

  it('leaves invalid values for validation to report at their field', () => {
    const draft = { ...draftFromJob(job), title: '', url: 'not a link', appliedAt: '2026-02-30' };
    const result = validateJob(applyDraft(job, draft, ['title', 'url', 'appliedAt'], later));
    expect(result).toEqual({
      ok: false,
      errors: {
        title: 'Title is required.',
        url: 'Posting link must be a web address starting with https:// or http://.',
        appliedAt: 'Applied date is not a valid date.',
      },
    });
  });

  it('keeps user text in the description as typed, and removes a blank one', () => {
    const draft = { ...draftFromJob(job), description: '  Line one\n\n  - point  ' };
    expect(applyDraft(job, draft, ['description'], later).description).toBe('  Line one\n\n  - point  ');
    expect('description' in applyDraft({ ...job, description: 'x' }, { ...draft, description: ' \n ' }, ['description'], later)).toBe(false);
  });
});

describe('pending edits over a live job', () => {
  const live = draftFromJob(job);

  it('shows the edits over the live values and saves only what differs', () => {
    let edits = editField({}, live, 'title', 'Staff Engineer');
    edits = editField(edits, live, 'company', 'Acme');
    edits = editField(edits, live, 'company', 'Acme Robotics');
    expect(Object.keys(edits)).toEqual(['title']);
    expect(draftWithEdits(live, edits)).toEqual({ ...live, title: 'Staff Engineer' });
    expect(pendingFields(live, edits)).toEqual(['title']);
  });

  it('follows changes from elsewhere in fields not being edited, and flags those being edited', () => {
    const edits = editField({}, live, 'title', 'Staff Engineer');
    const synced = { ...live, title: 'Principal Engineer', location: 'Remote' };
    expect(draftWithEdits(synced, edits)).toEqual({ ...synced, title: 'Staff Engineer' });
    expect(conflictingFields(synced, edits)).toEqual(['title']);
    expect(conflictingFields({ ...live, location: 'Remote' }, edits)).toEqual([]);
    // Taking the other device's value drops the user's edit.
    expect(draftWithEdits(synced, withoutEdits(edits, ['title']))).toEqual(synced);
  });

  it('saves onto the job as stored, keeping another device’s change to another field', () => {
    const edits = editField({}, live, 'salary', '€90k');
    const stored = { ...job, location: 'Remote', updatedAt: '2026-11-21T08:00:00.000Z' };
    const storedDraft = draftFromJob(stored);
    const saved = applyDraft(stored, draftWithEdits(storedDraft, edits), pendingFields(storedDraft, edits), later);
    expect(saved).toMatchObject({ salary: '€90k', location: 'Remote' });
  });
});

describe('adding a job by hand', () => {
  it('creates a valid manual job from the form', () => {
    const result = newJobFromDraft({ title: ' Data Analyst ', company: 'Hooli', url: 'careers.hooli.example/jobs/12', status: 'saved', location: ' ' }, later);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.job).toMatchObject({ title: 'Data Analyst', company: 'Hooli', url: 'https://careers.hooli.example/jobs/12', status: 'saved', source: 'manual' });
    expect(result.job.statusHistory).toEqual([{ status: 'saved', at: later }]);
    expect('location' in result.job).toBe(false);
    expect(jobSchema.parse(result.job)).toEqual(result.job);
  });

  it('reports each missing or bad field', () => {
    expect(newJobFromDraft(EMPTY_NEW_JOB, later)).toEqual({ ok: false, errors: { title: 'Title is required.', url: 'Posting link is required.' } });
    const bad = newJobFromDraft({ ...EMPTY_NEW_JOB, title: 'x', url: 'just words' }, later);
    expect(bad).toEqual({ ok: false, errors: { url: 'Posting link must be a web address starting with https:// or http://.' } });
  });
});

describe('normaliseUrl', () => {
  it('adds https:// to a bare address and leaves the rest alone', () => {
    expect(normaliseUrl(' jobs.example.com/42 ')).toBe('https://jobs.example.com/42');
    expect(normaliseUrl('example.com')).toBe('https://example.com');
    expect(normaliseUrl('localhost:3000/x')).toBe('localhost:3000/x');
    expect(normaliseUrl('http://example.com')).toBe('http://example.com');
    expect(normaliseUrl('mailto:a@b.example')).toBe('mailto:a@b.example');
    expect(normaliseUrl('just words')).toBe('just words');
    expect(normaliseUrl('')).toBe('');
  });
});
