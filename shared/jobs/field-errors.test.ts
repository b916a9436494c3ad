import { describe, expect, it } from 'vitest';
import { contactSchema, jobSchema } from '../schema/job';
import { describeSaveError, fieldErrorsFromIssues, fieldLabel } from './field-errors';
import { manualJob } from './edit';

const at = '2026-11-20T10:00:00.000Z';
const base = manualJob({ title: 'Engineer', company: 'Initech', url: 'https://initech.example/jobs/7', status: 'applied' }, at);

function errorsOf(job: unknown) {
  const result = jobSchema.safeParse(job);
  if (result.success) throw new Error('expected the job to be invalid');
  return fieldErrorsFromIssues(result.error.issues, job);
}

describe('field messages from schema issues', () => {
  it('names the field and says what to do', () => {
    expect(errorsOf({ ...base, title: '  ', company: 'x'.repeat(201), url: 'ftp://files.example/job', appliedAt: '21/11/2026' })).toEqual({
      title: 'Title is required.',
      company: 'Company can be at most 200 characters.',
      url: 'Posting link must be a web address starting with https:// or http://.',
      appliedAt: 'Applied date is not a valid date.',
    });
  });

  it('tells a missing value from a malformed one', () => {
    expect(errorsOf({ ...base, url: '' })).toEqual({ url: 'Posting link is required.' });
    expect(errorsOf({ ...base, followUpAt: 'soon' })).toEqual({ followUpAt: 'Follow-up date is not a valid date.' });
  });

  it('keys entries of lists by their position and names the inner field', () => {
    const errors = errorsOf({ ...base, contacts: [{ id: 'c1', name: 'Ann' }, { id: 'c2', name: 'Bob', email: 'bob-at-example' }] });
    expect(errors).toEqual({ 'contacts.1.email': 'Email must be an email address, like name@example.com.' });
    expect(errorsOf({ ...base, tags: Array.from({ length: 51 }, (_, i) => `t${i}`) })).toEqual({ tags: 'At most 50 tags fit on one application.' });
    expect(errorsOf({ ...base, status: 'hired' })).toEqual({ status: 'Choose a status from the list.' });
    const history = Array.from({ length: 501 }, () => ({ status: 'applied', at }));
    expect(errorsOf({ ...base, statusHistory: history })).toEqual({ statusHistory: 'At most 500 status changes fit on one application.' });
    expect(fieldLabel(['notes', 3, 'text'])).toBe('Note');
    expect(fieldLabel(['contacts', 0, 'url'])).toBe('Link');
    expect(fieldLabel(['url'])).toBe('Posting link');
    expect(fieldLabel(['url'], { url: 'Profile' })).toBe('Profile');
  });

  it('keeps the first message per field', () => {
    const result = contactSchema.safeParse({ id: 'bad id!', name: '' });
    expect(result.success).toBe(false);
    const errors = fieldErrorsFromIssues(result.error!.issues, {});
    expect(errors.name).toBe('Name is required.');
    expect(Object.keys(errors).sort()).toEqual(['id', 'name']);
  });

  it('turns a refused write into field messages and anything else into its message', () => {
    const refused = jobSchema.safeParse({ ...base, title: '' }).error;
    expect(describeSaveError(refused, { ...base, title: '' })).toEqual({ fields: { title: 'Title is required.' } });
    expect(describeSaveError(new Error('This application no longer exists.'))).toEqual({ message: 'This application no longer exists.' });
    expect(describeSaveError('boom')).toEqual({ message: 'Could not save the change.' });
  });
});
