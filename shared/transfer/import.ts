import { jobSchema, upgradeJobDoc, type Job } from '../schema';
import { columnForHeader, type Column } from './columns';
import { unguardCell } from './csv-cell';
import { defaultHeaderOf, issuesOf, jobFromRow, type RowCells, type RowIssue } from './csv-row';
import { detectDayFirst } from './dates';
import { EXPORT_FORMAT } from './export';
import { formatBytes, IMPORT_LIMITS } from './limits';
import { nextTask, readCsvRecords, type Pause } from './read-csv';
import { noResumes, planResumes, type ResumePlan } from './resumes';

export type ImportFormat = 'json' | 'csv';

/** A row that could not be read: its number as the user sees it (spreadsheet row, or position in the JSON list). */
export interface RowFailure {
  row: number;
  id?: string;
  reason: string;
}

/** A row naming a job an earlier row of the same file already holds. */
export interface RepeatedRow {
  row: number;
  id: string;
  firstRow: number;
}

export interface ImportPlan {
  format: ImportFormat;
  /** "Row" for CSV (the header is row 1), "Job" for JSON (the first job is job 1). */
  rowLabel: 'Row' | 'Job';
  /** Rows read, blank CSV lines left out. */
  rows: number;
  jobs: { row: number; job: Job }[];
  failures: RowFailure[];
  repeated: RepeatedRow[];
  /** CSV columns TrackRuit has no field for: ignored, and said so. */
  ignoredColumns: string[];
  /** Resumes of a JSON export (version 2 on); none in a CSV or an older export. */
  resumes: ResumePlan;
}

export interface ImportProgress {
  phase: 'reading' | 'checking';
  done: number;
  total: number;
}

export interface PlanOptions {
  /** The time given to what the file does not date (record creation, history). */
  importedAt: string;
  onProgress?: (progress: ImportProgress) => void;
  pause?: Pause;
}

/** A whole file refused: too big, too many rows, not a format TrackRuit reads. */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

/** Checked before the file is even read. */
export function checkImportSize(bytes: number): void {
  if (bytes > IMPORT_LIMITS.maxBytes) {
    throw new ImportError(`The file is ${formatBytes(bytes)}; TrackRuit imports files up to ${formatBytes(IMPORT_LIMITS.maxBytes)}. Split it into smaller files.`);
  }
}

function tooManyRows(): ImportError {
  return new ImportError(`The file has more than ${IMPORT_LIMITS.maxRows.toLocaleString('en')} rows; TrackRuit imports up to ${IMPORT_LIMITS.maxRows.toLocaleString('en')} at a time. Split it into smaller files.`);
}

export function detectFormat(fileName: string, text: string): ImportFormat {
  const name = fileName.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.txt')) return 'csv';
  return /^\s*[[{]/.test(text) ? 'json' : 'csv';
}

const describe = (issues: RowIssue[]) => issues.map((issue) => `${issue.column}: ${issue.message}`).join('; ');
const SLICE = 500;

/** Records with the same id as an earlier record are repeats, not new jobs. */
function dedupe(plan: ImportPlan, candidates: { row: number; job: Job }[]): void {
  const firstRowOf = new Map<string, number>();
  for (const candidate of candidates) {
    const firstRow = firstRowOf.get(candidate.job.id);
    if (firstRow !== undefined) plan.repeated.push({ row: candidate.row, id: candidate.job.id, firstRow });
    else {
      firstRowOf.set(candidate.job.id, candidate.row);
      plan.jobs.push(candidate);
    }
  }
}

async function planJson(text: string, options: PlanOptions, pause: Pause): Promise<ImportPlan> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ImportError(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const body = Array.isArray(data) ? undefined : (data as { format?: unknown; jobs?: unknown; resumes?: unknown } | null);
  // An export holding only resumes may say so with no "jobs" at all.
  const list = Array.isArray(data) ? data : body?.jobs === undefined && Array.isArray(body?.resumes) ? [] : body?.jobs;
  if (!Array.isArray(list)) {
    throw new ImportError(`The JSON file holds no list of jobs: TrackRuit reads its own export ("format": "${EXPORT_FORMAT}") or a list of jobs.`);
  }
  if (list.length > IMPORT_LIMITS.maxRows) throw tooManyRows();
  let resumes: ResumePlan;
  try {
    resumes = planResumes(body?.resumes);
  } catch (error) {
    throw new ImportError(`${error instanceof Error ? error.message : String(error)} Nothing was imported.`);
  }
  const plan: ImportPlan = { format: 'json', rowLabel: 'Job', rows: list.length, jobs: [], failures: [], repeated: [], ignoredColumns: [], resumes };
  const candidates: { row: number; job: Job }[] = [];
  for (let start = 0; start < list.length; start += SLICE) {
    list.slice(start, start + SLICE).forEach((entry: unknown, offset) => {
      const row = start + offset + 1;
      const id = typeof (entry as { id?: unknown } | null)?.id === 'string' ? (entry as { id: string }).id : undefined;
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
        plan.failures.push({ row, reason: 'is not a job object' });
        return;
      }
      // The database's own fields (_rev, _meta, ...) are not part of a job.
      const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => !key.startsWith('_')));
      let upgraded: object;
      try {
        upgraded = upgradeJobDoc(fields);
      } catch (error) {
        plan.failures.push({ row, ...(id ? { id } : {}), reason: error instanceof Error ? error.message : String(error) });
        return;
      }
      const parsed = jobSchema.safeParse(upgraded);
      if (parsed.success) candidates.push({ row, job: parsed.data });
      else plan.failures.push({ row, ...(id ? { id } : {}), reason: describe(issuesOf(parsed.error, (field) => String(field))) });
    });
    options.onProgress?.({ phase: 'checking', done: Math.min(start + SLICE, list.length), total: list.length });
    await pause();
  }
  dedupe(plan, candidates);
  return plan;
}

interface CsvHeader {
  columns: (Column | undefined)[];
  headerOf: (field: keyof Job) => string;
  ignored: string[];
}

function readHeader(cells: string[]): CsvHeader {
  const columns: (Column | undefined)[] = [];
  const names = new Map<keyof Job, string>();
  const ignored: string[] = [];
  for (const raw of cells) {
    const name = raw.replace(/^\uFEFF/, '').trim();
    const column = columnForHeader(name);
    // The first column claiming a field wins ("Date Applied" before a generic "Date").
    if (column && !names.has(column.field)) {
      names.set(column.field, name);
      columns.push(column);
    } else {
      columns.push(undefined);
      if (name) ignored.push(name);
    }
  }
  const missing = (['title', 'url'] as const).filter((field) => !names.has(field));
  if (missing.length > 0) {
    const wanted = { title: '"Title", "Job Title", "Position" or "Role"', url: '"URL", "Job URL", "Link" or "Job Link"' };
    throw new ImportError(`The CSV file has no ${missing.map((field) => wanted[field]).join(' and no ')} column. The first row must name the columns.`);
  }
  return { columns, headerOf: (field) => names.get(field) ?? defaultHeaderOf(field), ignored };
}

async function planCsv(text: string, options: PlanOptions, pause: Pause): Promise<ImportPlan> {
  let header: CsvHeader | undefined;
  const records: { row: number; cells: RowCells }[] = [];
  let rowNumber = 0;
  await readCsvRecords(
    text,
    (batch, progress) => {
      for (const record of batch) {
        rowNumber += 1;
        if (!header) {
          if (record.every((cell) => !cell.trim())) continue;
          header = readHeader(record);
          continue;
        }
        const cells: RowCells = {};
        record.forEach((raw, index) => {
          const column = header!.columns[index];
          const value = unguardCell(raw);
          if (column && value.trim()) cells[column.field] = value;
        });
        if (Object.keys(cells).length === 0) continue;
        if (records.length >= IMPORT_LIMITS.maxRows) throw tooManyRows();
        records.push({ row: rowNumber, cells });
      }
      options.onProgress?.({ phase: 'reading', ...progress });
    },
    pause,
  );
  if (!header) throw new ImportError('The CSV file is empty.');
  const { headerOf, ignored } = header;

  const dayFirst: Partial<Record<keyof Job, boolean>> = {};
  for (const field of ['appliedAt', 'followUpAt', 'postedAt', 'createdAt', 'updatedAt', 'interviews'] as const) {
    dayFirst[field] = detectDayFirst(records.flatMap((record) => (record.cells[field] ?? '').split(';')));
  }

  const plan: ImportPlan = { format: 'csv', rowLabel: 'Row', rows: records.length, jobs: [], failures: [], repeated: [], ignoredColumns: ignored, resumes: noResumes() };
  const candidates: { row: number; job: Job }[] = [];
  const context = { importedAt: options.importedAt, dayFirst, headerOf };
  for (let start = 0; start < records.length; start += SLICE) {
    for (const { row, cells } of records.slice(start, start + SLICE)) {
      const result = jobFromRow(cells, context);
      if (result.ok) candidates.push({ row, job: result.job });
      else plan.failures.push({ row, ...(result.id ? { id: result.id } : {}), reason: describe(result.issues) });
    }
    options.onProgress?.({ phase: 'checking', done: Math.min(start + SLICE, records.length), total: records.length });
    await pause();
  }
  dedupe(plan, candidates);
  return plan;
}

/**
 * Reads an export of ours (JSON or CSV) or another tracker's CSV into jobs
 * ready to insert, with every row that could not be read and why. Nothing is
 * written here: see extension/dashboard/settings/run-import.ts.
 */
export async function planImport(fileName: string, text: string, options: PlanOptions): Promise<ImportPlan> {
  checkImportSize(new TextEncoder().encode(text).length);
  const pause = options.pause ?? nextTask;
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) throw new ImportError('The file is empty.');
  return detectFormat(fileName, body) === 'json' ? planJson(body, options, pause) : planCsv(body, options, pause);
}
