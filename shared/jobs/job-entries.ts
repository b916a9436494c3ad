import type { z } from 'zod';
import { contactSchema, interviewSchema, noteSchema, type Contact, type Interview, type Job, type Note } from '../schema/job';
import { dateTimeInputToIso, isoToDateTimeInput } from './date-input';
import { fieldErrorsFromIssues, type FieldErrors, type Labels } from './field-errors';
import { normaliseUrl } from './job-form';

/**
 * A job's notes, contacts and interviews: edits of one entry at a time,
 * applied to the job as it is when saving. These lists merge as sets across
 * devices (shared/sync/merge-job.ts), so an edited entry is written as a new
 * entry (new id) replacing the old one: two devices editing the same note
 * keep both versions instead of one silently losing.
 */

export type ListField = 'notes' | 'contacts' | 'interviews';
export type EntryOf<F extends ListField> = NonNullable<Job[F]>[number];

export function withEntry<F extends ListField>(job: Job, field: F, entry: EntryOf<F>, at: string): Job {
  const list = (job[field] ?? []) as EntryOf<F>[];
  return { ...job, [field]: [...list.filter((item) => item.id !== entry.id), entry], updatedAt: at };
}

export function withoutEntry(job: Job, field: ListField, id: string, at: string): Job {
  const list = (job[field] ?? []) as { id: string }[];
  return { ...job, [field]: list.filter((item) => item.id !== id), updatedAt: at };
}

/** Replaces entry `oldId` by `entry`; if another device removed it meanwhile, the edit is still kept. */
export function replacingEntry<F extends ListField>(job: Job, field: F, oldId: string, entry: EntryOf<F>, at: string): Job {
  return withEntry(withoutEntry(job, field, oldId, at), field, entry, at);
}

export type EntryResult<T> = { ok: true; entry: T } | { ok: false; errors: FieldErrors };

function checked<T>(schema: z.ZodType<T>, entry: T, labels?: Labels): EntryResult<T> {
  const result = schema.safeParse(entry);
  return result.success ? { ok: true, entry: result.data } : { ok: false, errors: fieldErrorsFromIssues(result.error.issues, entry, labels) };
}

/** A note: `at` is when it was first written, kept across edits so notes stay in the order they were made. */
export function noteFromText(text: string, id: string, at: string): EntryResult<Note> {
  return checked<Note>(noteSchema, { id, text, at });
}

export interface ContactDraft {
  name: string;
  role: string;
  email: string;
  url: string;
}

export const EMPTY_CONTACT: ContactDraft = { name: '', role: '', email: '', url: '' };

export function draftFromContact(contact: Contact): ContactDraft {
  return { name: contact.name, role: contact.role ?? '', email: contact.email ?? '', url: contact.url ?? '' };
}

export function contactFromDraft(draft: ContactDraft, id: string): EntryResult<Contact> {
  const role = draft.role.trim();
  const email = draft.email.trim();
  const url = normaliseUrl(draft.url);
  const contact = { id, name: draft.name.trim(), ...(role ? { role } : {}), ...(email ? { email } : {}), ...(url ? { url } : {}) };
  return checked<Contact>(contactSchema, contact, { url: 'Link' });
}

export interface InterviewDraft {
  /** A datetime-local value. */
  at: string;
  label: string;
}

export const EMPTY_INTERVIEW: InterviewDraft = { at: '', label: '' };

export function draftFromInterview(interview: Interview): InterviewDraft {
  return { at: isoToDateTimeInput(interview.at), label: interview.label ?? '' };
}

export function interviewFromDraft(draft: InterviewDraft, id: string): EntryResult<Interview> {
  const label = draft.label.trim();
  // A missing date is reported as such, not as "not a valid date".
  const at = dateTimeInputToIso(draft.at) ?? '';
  return checked<Interview>(interviewSchema, { id, at, ...(label ? { label } : {}) }, { at: 'Date and time' });
}

const byAt = <T extends { at: string }>(a: T, b: T) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0);

/** The status history oldest first, as a timeline reads; equal times keep their stored order. */
export function statusTimeline(job: Job): Job['statusHistory'] {
  return [...job.statusHistory].sort(byAt);
}

/** Notes newest first: the latest thought is the one looked for. */
export function notesNewestFirst(job: Job): Note[] {
  return [...(job.notes ?? [])].sort((a, b) => byAt(b, a));
}

/** Interviews in date order. */
export function interviewsByDate(job: Job): Interview[] {
  return [...(job.interviews ?? [])].sort(byAt);
}
