import { JOB_STATUSES, jobSchema, type Job, type JobStatus, type Platform } from '../schema/job';
import { dateInputToIso, dateTimeInputToIso, isoToDateInput, isoToDateTimeInput } from './date-input';
import { manualJob, withStatus } from './edit';
import { fieldErrorsFromIssues, type FieldErrors } from './field-errors';

/**
 * The job details form: a job's editable fields as the strings inputs hold,
 * the user's pending edits on top of the live job, and the patch a save
 * applies. Only fields the user changed are written, onto the job as it is
 * when saving, so a change another device made meanwhile to another field
 * survives the save.
 */

export const FORM_FIELDS = [
  'title',
  'company',
  'location',
  'url',
  'platform',
  'status',
  'salary',
  'employmentType',
  'duration',
  'startDate',
  'appliedAt',
  'followUpAt',
  'description',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];
export type JobDraft = Record<FormField, string>;

/** Optional text fields: blank removes them rather than storing ''. */
const OPTIONAL_TEXT = ['location', 'salary', 'employmentType', 'duration', 'startDate'] as const;

export function draftFromJob(job: Job): JobDraft {
  return {
    title: job.title,
    company: job.company,
    location: job.location ?? '',
    url: job.url,
    platform: job.platform,
    status: job.status,
    salary: job.salary ?? '',
    employmentType: job.employmentType ?? '',
    duration: job.duration ?? '',
    startDate: job.startDate ?? '',
    appliedAt: isoToDateInput(job.appliedAt),
    followUpAt: isoToDateTimeInput(job.followUpAt),
    description: job.description ?? '',
  };
}

/** `jobs.example.com/42` → `https://jobs.example.com/42`; anything else is left for the schema to judge. */
export function normaliseUrl(raw: string): string {
  const url = raw.trim();
  if (!url || /^[a-z][a-z\d+.-]*:/i.test(url)) return url;
  return /^[^\s/.]+(\.[^\s/.]+)+(\/|$|\?|#|:\d)/.test(url) ? `https://${url}` : url;
}

const isStatus = (value: string): value is JobStatus => (JOB_STATUSES as readonly string[]).includes(value);

/**
 * `job` with the draft's values of `fields`, edited at `at`. A status change
 * goes through withStatus' rules (history entry, first applied date) before
 * an edited applied date is set, so the user's date wins.
 */
export function applyDraft(job: Job, draft: JobDraft, fields: readonly FormField[], at: string): Job {
  const editing = new Set(fields);
  let next: Job = { ...job, updatedAt: at };
  if (editing.has('status') && draft.status !== job.status) {
    // An unknown status is left for validation to report rather than dropped.
    next = isStatus(draft.status) ? withStatus(next, draft.status, at) : { ...next, status: draft.status as JobStatus };
  }
  const fieldsOut = next as Record<string, unknown>;
  for (const field of editing) {
    const value = draft[field];
    switch (field) {
      case 'status':
        break;
      case 'title':
      case 'company':
        fieldsOut[field] = value.trim();
        break;
      case 'url':
        fieldsOut.url = normaliseUrl(value);
        break;
      case 'platform':
        fieldsOut.platform = value as Platform;
        break;
      case 'description':
        // Line breaks and indentation are the user's; only an all-blank description is removed.
        if (value.trim()) fieldsOut.description = value;
        else delete fieldsOut.description;
        break;
      case 'appliedAt':
        setOrDelete(fieldsOut, field, dateInputToIso(value, job.appliedAt));
        break;
      case 'followUpAt':
        setOrDelete(fieldsOut, field, dateTimeInputToIso(value));
        break;
      default:
        if ((OPTIONAL_TEXT as readonly string[]).includes(field)) setOrDelete(fieldsOut, field, value.trim() || undefined);
    }
  }
  return next;
}

function setOrDelete(target: Record<string, unknown>, key: string, value: string | undefined) {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

/** A field the user is editing: its value now, and the live value when they started. */
export interface FieldEdit {
  value: string;
  from: string;
}
export type DraftEdits = Partial<Record<FormField, FieldEdit>>;

/** Records a keystroke; an edit typed back to where it started is no edit at all. */
export function editField(edits: DraftEdits, live: JobDraft, field: FormField, value: string): DraftEdits {
  const from = edits[field]?.from ?? live[field];
  const next = { ...edits };
  if (value === from && from === live[field]) delete next[field];
  else next[field] = { value, from };
  return next;
}

/** What the form shows: the live job, with the user's edits over it. */
export function draftWithEdits(live: JobDraft, edits: DraftEdits): JobDraft {
  const draft = { ...live };
  for (const field of FORM_FIELDS) {
    const edit = edits[field];
    if (edit) draft[field] = edit.value;
  }
  return draft;
}

/** Fields a save would change. */
export function pendingFields(live: JobDraft, edits: DraftEdits): FormField[] {
  return FORM_FIELDS.filter((field) => {
    const edit = edits[field];
    return edit !== undefined && edit.value !== live[field];
  });
}

/** Fields the user is editing that changed elsewhere (a synced edit) since they started. */
export function conflictingFields(live: JobDraft, edits: DraftEdits): FormField[] {
  return pendingFields(live, edits).filter((field) => edits[field]!.from !== live[field]);
}

/** Drops the user's edits of `fields`, so the form shows the live values again. */
export function withoutEdits(edits: DraftEdits, fields: readonly FormField[]): DraftEdits {
  const next = { ...edits };
  for (const field of fields) delete next[field];
  return next;
}

export type Validated = { ok: true; job: Job } | { ok: false; errors: FieldErrors };

/** The job checked against the schema the write path applies, with field messages on failure. */
export function validateJob(job: Job): Validated {
  const result = jobSchema.safeParse(job);
  return result.success ? { ok: true, job: result.data } : { ok: false, errors: fieldErrorsFromIssues(result.error.issues, job) };
}

/** The "Add a job" form. */
export interface NewJobDraft {
  title: string;
  company: string;
  url: string;
  status: string;
  location: string;
}

export const EMPTY_NEW_JOB: NewJobDraft = { title: '', company: '', url: '', status: 'applied', location: '' };

/** A job added by hand from the form, validated; `at` is both its creation and first status time. */
export function newJobFromDraft(draft: NewJobDraft, at: string): Validated {
  const job = manualJob(
    {
      title: draft.title.trim(),
      company: draft.company.trim(),
      url: normaliseUrl(draft.url),
      status: draft.status as JobStatus,
      location: draft.location.trim() || undefined,
    },
    at,
  );
  return validateJob(job);
}
