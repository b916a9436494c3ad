import type { z } from 'zod';
import { JOB_DOC_VERSION, JOB_SOURCES, jobSchema, PLATFORMS, type Contact, type Interview, type Job, type Note } from '../schema/job';
import { columnFor } from './columns';
import { parseDate } from './dates';
import { stableHash } from './hash';
import { identifyUrl } from './identity';
import { statusFromWord } from './status-words';

/** One CSV record, by field, with the cell text as read (formula guards removed). */
export type RowCells = Partial<Record<keyof Job, string>>;

export interface RowIssue {
  /** The column as the file names it. */
  column: string;
  message: string;
}

export type RowResult = { ok: true; job: Job } | { ok: false; id?: string; issues: RowIssue[] };

export interface RowContext {
  /** When the import runs: the time of records and history entries the file does not date. */
  importedAt: string;
  /** Per date field, whether its numeric dates are day-first (see detectDayFirst). */
  dayFirst: Partial<Record<keyof Job, boolean>>;
  /** The file's own name for a field's column, for messages. */
  headerOf: (field: keyof Job) => string;
}

const DATE_FIELDS = ['appliedAt', 'followUpAt', 'postedAt', 'createdAt', 'updatedAt'] as const;
const TEXT_FIELDS = ['title', 'company', 'location', 'salary', 'employmentType', 'duration', 'startDate', 'description', 'possibleDuplicateOf'] as const;

function jsonValue(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

const looksLikeJson = (text: string) => /^[[{]/.test(text);
const entryId = (text: string) => `imp${stableHash(text)}`;

/** Tags: our JSON list, or separated by ";" (or by "," when there is no ";"). */
export function parseTags(text: string): string[] {
  if (text.startsWith('[')) {
    const parsed = jsonValue(text);
    if (parsed.ok && Array.isArray(parsed.value) && parsed.value.every((tag) => typeof tag === 'string')) return parsed.value as string[];
  }
  const separator = text.includes(';') ? ';' : ',';
  return text
    .split(separator)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** A note column of another tracker is one free text: it becomes one note. */
function notesFrom(text: string, at: string): Note[] | unknown {
  if (looksLikeJson(text)) {
    const parsed = jsonValue(text);
    if (parsed.ok && Array.isArray(parsed.value)) return parsed.value;
  }
  return [{ id: entryId(text), text, at }];
}

/** "Ada Lovelace <ada@example.com>; Grace Hopper" as contacts. */
function contactsFrom(text: string): Contact[] | unknown {
  if (looksLikeJson(text)) {
    const parsed = jsonValue(text);
    if (parsed.ok && Array.isArray(parsed.value)) return parsed.value;
  }
  return text
    .split(/\s*[;\n]\s*/)
    .filter(Boolean)
    .map((entry): Contact => {
      const named = /^(.*?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(entry);
      if (named) return { id: entryId(entry), name: named[1] || named[2]!, email: named[2]! };
      if (/^[^\s@]+@[^\s@]+$/.test(entry)) return { id: entryId(entry), name: entry, email: entry };
      return { id: entryId(entry), name: entry };
    });
}

function interviewsFrom(text: string, dayFirst: boolean): { ok: true; value: Interview[] | unknown } | { ok: false; bad: string } {
  if (looksLikeJson(text)) {
    const parsed = jsonValue(text);
    if (parsed.ok && Array.isArray(parsed.value)) return { ok: true, value: parsed.value };
  }
  const interviews: Interview[] = [];
  for (const part of text.split(';').map((entry) => entry.trim()).filter(Boolean)) {
    const at = parseDate(part, dayFirst);
    if (!at) return { ok: false, bad: part };
    interviews.push({ id: entryId(part), at });
  }
  return { ok: true, value: interviews };
}

/**
 * A URL as people paste it: "careers.acme.com/jobs/1" gets its https://. One
 * with a scheme is kept as written, so an export reads back unchanged.
 */
function normaliseUrl(raw: string): string | undefined {
  const text = raw.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    // "mailto:x@y.example" prefixed reads as a user name at a host: not a posting's address.
    const web = (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
    return web && url.hostname.includes('.') ? candidate : undefined;
  } catch {
    return undefined;
  }
}

function booleanFrom(text: string): boolean | undefined {
  const value = text.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(value)) return true;
  if (['false', 'no', 'n', '0'].includes(value)) return false;
  return undefined;
}

const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;

/** Zod's issues, named by the file's columns. */
export function issuesOf(error: z.ZodError, headerOf: (field: keyof Job) => string): RowIssue[] {
  return error.issues.map((issue) => {
    const [field, ...rest] = issue.path;
    const column = typeof field === 'string' ? headerOf(field as keyof Job) : '(row)';
    const where = rest.length > 0 ? ` (${rest.join('.')})` : '';
    return { column, message: `${issue.message}${where}` };
  });
}

/**
 * The job a CSV record describes. What other trackers do not record is
 * derived: the id and platform from the URL (as a capture of that page would
 * get them), the status from the date when there is no status column, the
 * history from the status.
 */
export function jobFromRow(cells: RowCells, context: RowContext): RowResult {
  const issues: RowIssue[] = [];
  const complain = (field: keyof Job, message: string) => issues.push({ column: context.headerOf(field), message });
  const doc: Record<string, unknown> = {};

  for (const field of TEXT_FIELDS) if (cells[field]) doc[field] = cells[field];
  if (!cells.title) complain('title', 'is empty: every job needs a title');
  doc.company = cells.company ?? '';

  for (const field of DATE_FIELDS) {
    const text = cells[field];
    if (!text) continue;
    const at = parseDate(text, context.dayFirst[field] ?? false);
    if (at) doc[field] = at;
    else complain(field, `${quote(text)} is not a date TrackRuit can read (use 2026-01-31)`);
  }

  let identity: ReturnType<typeof identifyUrl> | undefined;
  if (!cells.url) complain('url', 'is empty: every job needs the address of its posting');
  else {
    const url = normaliseUrl(cells.url);
    if (url) {
      doc.url = url;
      identity = identifyUrl(url);
    } else complain('url', `${quote(cells.url)} is not a web address`);
  }

  if (cells.status) {
    const status = statusFromWord(cells.status);
    if (status) doc.status = status;
    else complain('status', `${quote(cells.status)} is not a status TrackRuit knows`);
  } else doc.status = doc.appliedAt ? 'applied' : 'saved';

  if (cells.tags) doc.tags = parseTags(cells.tags);
  const noteTime = (doc.appliedAt as string | undefined) ?? context.importedAt;
  if (cells.notes) doc.notes = notesFrom(cells.notes, noteTime);
  if (cells.contacts) doc.contacts = contactsFrom(cells.contacts);
  if (cells.interviews) {
    const interviews = interviewsFrom(cells.interviews, context.dayFirst.interviews ?? false);
    if (interviews.ok) doc.interviews = interviews.value;
    else complain('interviews', `${quote(interviews.bad)} is not a date TrackRuit can read`);
  }
  for (const field of ['statusHistory', 'mlAnalysis', 'fieldTimes'] as const) {
    const text = cells[field];
    if (!text) continue;
    const parsed = jsonValue(text);
    if (parsed.ok) doc[field] = parsed.value;
    else complain(field, 'is not valid JSON');
  }

  const platform = cells.platform && (PLATFORMS as readonly string[]).includes(cells.platform) ? cells.platform : identity?.platform;
  if (platform) doc.platform = platform;
  const siteJobId = cells.siteJobId ?? (platform === identity?.platform ? identity?.siteJobId : undefined);
  if (siteJobId) doc.siteJobId = siteJobId;
  const id = cells.id ?? identity?.id;
  if (id) doc.id = id;
  doc.source = cells.source && (JOB_SOURCES as readonly string[]).includes(cells.source) ? cells.source : 'manual';
  doc.isActive = (cells.isActive ? booleanFrom(cells.isActive) : undefined) ?? true;
  doc.statusHistory ??= doc.status ? [{ status: doc.status, at: noteTime }] : [];
  doc.createdAt ??= context.importedAt;
  doc.updatedAt ??= context.importedAt;
  doc.schemaVersion = JOB_DOC_VERSION;

  if (issues.length > 0) return { ok: false, ...(id ? { id } : {}), issues };
  const parsed = jobSchema.safeParse(doc);
  if (!parsed.success) return { ok: false, ...(id ? { id } : {}), issues: issuesOf(parsed.error, context.headerOf) };
  return { ok: true, job: parsed.data };
}

/** The header of a field's column when the file has none for it (messages about derived fields). */
export const defaultHeaderOf = (field: keyof Job): string => {
  try {
    return columnFor(field).header;
  } catch {
    return String(field);
  }
};
