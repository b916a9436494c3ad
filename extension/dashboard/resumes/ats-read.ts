import type { AtsCheckInput, AtsReport } from '../../../shared/match/ats-check';
import type { Resume } from '../../../shared/resume/doc';
import { mlWorker } from '../../ml/client';
import { parseResumeFile } from '../../resume/parse-resume-file';
import { fetchOriginal } from './resume-writes';

/**
 * What the ATS check reads, per file: the original the person uploaded, or
 * TrackRuit's own ATS export of the resume as saved. Each is read again by the
 * resume reader (in its worker, with the layout facts), since what matters is
 * what a parser gets from the file, not what the form shows. A read is kept
 * for the page's life, so checking against another job reads nothing again.
 */
export type AtsSource = 'original' | 'pdf' | 'docx';

export type FileRead = Omit<AtsCheckInput, 'job'>;

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/** A few files' text and parsed resume: small, and enough to switch between resumes and exports. */
const KEPT_READS = 6;
const reads = new Map<string, Promise<FileRead>>();

/** Changes whenever the file the source names would change: the original's hash, or the saved resume. */
function readKey(resume: Resume, source: AtsSource): string {
  return source === 'original' ? `${resume.id}|original|${resume.file.sha256}` : `${resume.id}|${source}|${resume.updatedAt}`;
}

async function fileOf(resume: Resume, source: AtsSource, signal?: AbortSignal): Promise<Blob> {
  if (source === 'original') {
    const original = await fetchOriginal(resume, 30_000, signal);
    if (original.state !== 'ready') throw new Error(original.state === 'failed' ? original.message : 'The original file is not on this device yet.');
    return original.blob;
  }
  if (source === 'pdf') {
    const { buildAtsPdf } = await import('../../../shared/resume/export/ats-pdf');
    return new Blob([(await buildAtsPdf(resume.resume)).slice()], { type: 'application/pdf' });
  }
  const { buildAtsDocx } = await import('../../../shared/resume/export/ats-docx');
  return new Blob([(await buildAtsDocx(resume.resume)).slice()], { type: DOCX_TYPE });
}

async function read(resume: Resume, source: AtsSource, signal?: AbortSignal): Promise<FileRead> {
  const file = await fileOf(resume, source, signal);
  const outcome = await parseResumeFile(file, { layout: true, ...(signal ? { signal } : {}) });
  return {
    resume: outcome.resume,
    text: outcome.text,
    kind: outcome.kind,
    bytes: file.size,
    pages: outcome.pages,
    ocrPages: outcome.ocrPages,
    ...(outcome.layout ? { layout: outcome.layout } : {}),
  };
}

/** The file read for the check, from the page's memory when it was read before. */
export function readForAts(resume: Resume, source: AtsSource, signal?: AbortSignal): Promise<FileRead> {
  const key = readKey(resume, source);
  const kept = reads.get(key);
  if (kept) return kept;
  const reading = read(resume, source, signal);
  reads.set(key, reading);
  // A failed or cancelled read is tried again next time; the oldest read goes past the cap.
  reading.catch(() => reads.delete(key));
  for (const old of reads.keys()) if (reads.size > KEPT_READS) reads.delete(old);
  return reading;
}

/** Whether that file was read already (checking it again then costs no reading and no request). */
export function hasRead(resume: Resume, source: AtsSource): boolean {
  return reads.has(readKey(resume, source));
}

/** The check itself, in the ML worker (keyword coverage loads the skills taxonomy). */
export function checkFile(file: FileRead, job: { title?: string; text: string } | undefined): Promise<AtsReport> {
  return mlWorker().ats(job ? { ...file, job } : file);
}
