import Papa from 'papaparse';
import type { Resume } from '../resume/doc';
import type { Job } from '../schema/job';
import { COLUMNS, type Column } from './columns';
import { guardCell } from './csv-cell';
import { plainResume } from './resumes';

/**
 * Marks our JSON export, so an import knows the file is ours and which layout
 * it has. Version 2 adds `resumes` (./resumes.ts) beside `jobs`; the import
 * reads both versions, and an import from before version 2 reads the jobs of
 * a version-2 file and skips its resumes.
 */
export const EXPORT_FORMAT = 'trackruit-jobs';
export const EXPORT_FORMAT_VERSION = 2;

export interface JsonExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_FORMAT_VERSION;
  exportedAt: string;
  /** Jobs, as in version 1. */
  count: number;
  jobs: Job[];
  resumes: Resume[];
}

/** A job without the database's own fields (`_rev`, `_meta`, ...), which are not part of the schema. */
export function plainJob(job: Job): Job {
  return Object.fromEntries(Object.entries(job).filter(([key, value]) => !key.startsWith('_') && value !== undefined)) as Job;
}

/**
 * Everything, lossless: every field of every job and parsed resume as the
 * schemas define them. Resumes' original files are named, not included.
 */
export function exportJson(jobs: readonly Job[], exportedAt: string, resumes: readonly Resume[] = []): string {
  const body: JsonExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_FORMAT_VERSION,
    exportedAt,
    count: jobs.length,
    jobs: jobs.map(plainJob),
    resumes: resumes.map(plainResume),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * Tags joined with "; " as other trackers write them; when a tag itself holds
 * a ";" or ",", the list is written as JSON instead so it reads back the same.
 */
export function tagsCell(tags: readonly string[]): string {
  return tags.some((tag) => /[;,]/.test(tag) || tag.startsWith('[')) ? JSON.stringify(tags) : tags.join('; ');
}

function cell(column: Column, job: Job): string {
  const value = job[column.field];
  if (value === undefined || value === null) return '';
  if (column.kind === 'tags') return tagsCell(value as string[]);
  if (column.kind === 'json') return JSON.stringify(value);
  return String(value);
}

/** One row per job, one column per field (see COLUMNS), guarded against spreadsheet formulas. */
export function exportCsv(jobs: readonly Job[]): string {
  const rows = jobs.map((job) => COLUMNS.map((column) => guardCell(cell(column, job))));
  // A BOM, so spreadsheet programs read the file as UTF-8 (accents, non-Latin company names).
  return `\uFEFF${Papa.unparse({ fields: COLUMNS.map((column) => column.header), data: rows }, { newline: '\r\n' })}\r\n`;
}
