import { capturedJobSchema, type CapturedJob } from '../../../shared/jobs/capture';
import type { Detection, Platform } from '../../../shared/schema/job';
import type { ExtractedJob } from '../../../shared/sites/types';

/** Enough of the description to recognise the posting; the popup is no place to edit the whole text. */
export const DESCRIPTION_EXCERPT_CHARS = 2_000;

/** The fields the user sees and may correct before saving. */
export const TRACK_FIELDS = ['title', 'company', 'location', 'url', 'salary', 'employmentType', 'description'] as const;
export type TrackField = (typeof TRACK_FIELDS)[number];

export type TrackForm = Record<TrackField, string> & {
  platform: Platform;
  /** The site's id, valid only for the URL it was read from. */
  siteJobId?: string;
  extractedUrl?: string;
  /** Read from the page, not shown, kept as read. */
  postedAt?: string;
  duration?: string;
  startDate?: string;
  /** What recognised the job on the page; kept only while the address is the one read. */
  detection?: Detection;
};

function excerpt(text: string | undefined): string {
  if (!text) return '';
  const trimmed = text.trim();
  return trimmed.length <= DESCRIPTION_EXCERPT_CHARS ? trimmed : `${trimmed.slice(0, DESCRIPTION_EXCERPT_CHARS - 1).trimEnd()}…`;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The form as the page was read; with no job found, only the page's address is filled in. */
export function formFromJob(job: ExtractedJob | null, pageUrl: string, detection?: Detection): TrackForm {
  if (!job) {
    return { title: '', company: '', location: '', url: pageUrl, salary: '', employmentType: '', description: '', platform: 'other' };
  }
  const url = str(job.url) || pageUrl;
  return {
    title: str(job.title),
    company: str(job.company),
    location: str(job.location),
    url,
    salary: str(job.salary),
    employmentType: str(job.employmentType),
    description: excerpt(job.description),
    platform: job.platform,
    extractedUrl: url,
    ...(job.siteJobId ? { siteJobId: job.siteJobId } : {}),
    ...(job.postedAt ? { postedAt: job.postedAt } : {}),
    ...(job.duration ? { duration: job.duration } : {}),
    ...(job.startDate ? { startDate: job.startDate } : {}),
    ...(detection ? { detection } : {}),
  };
}

const FIELD_MESSAGES: Partial<Record<TrackField, string>> = {
  title: 'Enter the job title.',
  url: 'Enter the posting’s http:// or https:// address.',
};

const HIDDEN = new Set<PropertyKey>(['siteJobId', 'postedAt', 'duration', 'startDate', 'detection']);

export type FormCheck = { ok: true; job: CapturedJob } | { ok: false; fields: Partial<Record<TrackField, string>> };

/**
 * The capture the form describes, checked with the same schema the background
 * applies again. Empty optional fields are left out; a site id is kept only
 * while the address is still the one it was read from.
 */
export function capturedFromForm(form: TrackForm): FormCheck {
  const url = form.url.trim();
  const candidate: Record<string, unknown> = { platform: form.platform, title: form.title, company: form.company, url };
  for (const key of ['location', 'salary', 'employmentType', 'description'] as const) {
    if (form[key].trim()) candidate[key] = form[key];
  }
  if (form.siteJobId && url === form.extractedUrl) candidate.siteJobId = form.siteJobId;
  if (url === form.extractedUrl) {
    for (const key of ['postedAt', 'duration', 'startDate', 'detection'] as const) if (form[key]) candidate[key] = form[key];
  }
  let parsed = capturedJobSchema.safeParse(candidate);
  // Details the user cannot see or fix (a JSON-LD identifier with spaces, an odd date) are dropped, not reported.
  const hidden = parsed.success ? [] : parsed.error.issues.map((issue) => issue.path[0]).filter((key) => key !== undefined && HIDDEN.has(key));
  if (hidden.length > 0) {
    for (const key of hidden) delete candidate[key as string];
    parsed = capturedJobSchema.safeParse(candidate);
  }
  if (parsed.success) return { ok: true, job: parsed.data };
  const fields: Partial<Record<TrackField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field !== 'string' || !(TRACK_FIELDS as readonly string[]).includes(field)) continue;
    const name = field as TrackField;
    const maximum = issue.code === 'too_big' ? Number(issue.maximum) : undefined;
    fields[name] ??= maximum !== undefined ? `Keep it under ${maximum} characters.` : (FIELD_MESSAGES[name] ?? 'Check this field.');
  }
  if (Object.keys(fields).length === 0) fields.title = 'This page’s details cannot be saved; check the fields.';
  return { ok: false, fields };
}
