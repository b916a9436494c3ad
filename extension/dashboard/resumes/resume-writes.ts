import { activeFlagChanges, activeResumeId, RESUME_DOC_VERSION, RESUME_LIMITS, type Resume } from '../../../shared/resume/doc';
import type { ParsedResume } from '../../../shared/resume/parsed-resume';
import { getDatabase } from '../../db/instance';
import type { ResumeCollection } from '../../db/database';
import { allResumes, chooseActiveResume, deleteResume, findResume, insertResume, restoreResume, updateResume } from '../../db/resumes';
import { resumeFileStore, sha256Hex } from '../../db/resumes-files';
import { originalContentType } from '../../resume/resume-files-api';
import { parseResumeFile, ResumeParseError, type ParseProgress } from '../../resume/parse-resume-file';
import { pendingOriginalId, pendingResumeId } from '../../background/sync/pending-changes';
import { ask } from '../../ui/background-client';

/**
 * The Resumes page's writes. Each one lands in the local database first (the
 * page works offline), then wakes the background, which pushes the resume and
 * uploads its original when signed in.
 */

/**
 * Wakes the background to push now. The written resumes are named too: the
 * background counts them as changes waiting even when it was stopped while
 * the page wrote (it sees writes itself only while it runs).
 */
function wakeSync(written: readonly string[] = [], created: readonly string[] = []): void {
  const ids = [...written.map(pendingResumeId), ...created.flatMap((id) => [pendingResumeId(id), pendingOriginalId(id)])];
  if (ids.length > 0) void ask({ type: 'sync:localWrites', ids });
  void ask({ type: 'sync:now' });
}

/** "Ada Lovelace CV.pdf" → "Ada Lovelace CV". */
export function labelFromFileName(fileName: string): string {
  const label = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[_]+/g, ' ').trim();
  return (label || 'Resume').slice(0, RESUME_LIMITS.nameLength);
}

export interface AddOptions {
  onProgress?: (progress: ParseProgress) => void;
  signal?: AbortSignal;
}

/**
 * Parses a file on the device and keeps it: the parsed resume in the synced
 * database, the original's bytes in this device's file store. The first
 * resume becomes the active one.
 */
export async function addResumeFromFile(file: File, options: AddOptions = {}): Promise<Resume> {
  // Checked before parsing: the type decides which engine reads the file, and the server keeps only these four.
  const contentType = await originalContentType(file);
  if (!contentType) throw new ResumeParseError('unsupported-type');
  const outcome = await parseResumeFile(file, options);
  const bytes = await file.arrayBuffer();
  const sha256 = await sha256Hex(bytes);
  const { resumes } = await getDatabase();
  const id = crypto.randomUUID();
  const fileName = (file.name || `resume.${outcome.kind}`).slice(-RESUME_LIMITS.fileNameLength);
  await resumeFileStore().put({ resumeId: id, fileName, contentType, size: bytes.byteLength, sha256, bytes });
  const at = new Date().toISOString();
  const first = (await resumes.count().exec()) === 0;
  const resume = await insertResume(resumes, {
    id,
    schemaVersion: RESUME_DOC_VERSION,
    name: labelFromFileName(file.name),
    active: first,
    file: { fileName, contentType, size: bytes.byteLength, sha256 },
    outcome: { kind: outcome.kind, pages: outcome.pages, ocrPages: outcome.ocrPages },
    parsed: outcome.resume,
    resume: structuredClone(outcome.resume),
    createdAt: at,
    updatedAt: at,
  });
  wakeSync([], [resume.id]);
  return resume;
}

async function edit(id: string, change: (current: Resume) => Resume): Promise<Resume> {
  const { resumes } = await getDatabase();
  const updated = await updateResume(resumes, id, change);
  wakeSync([id]);
  return updated;
}

export function renameResume(id: string, name: string): Promise<Resume> {
  return edit(id, (current) => ({ ...current, name }));
}

export function saveCorrections(id: string, resume: ParsedResume): Promise<Resume> {
  return edit(id, (current) => ({ ...current, resume }));
}

export async function chooseActive(id: string): Promise<void> {
  const { resumes } = await getDatabase();
  const flagged = await chooseActiveWrites(resumes, id);
  wakeSync(flagged);
}

/** Makes `id` the active resume; returns the resumes whose flag it wrote. */
async function chooseActiveWrites(resumes: ResumeCollection, id: string): Promise<string[]> {
  const changed = activeFlagChanges(await allResumes(resumes), id).map((change) => change.id);
  await chooseActiveResume(resumes, id);
  return changed;
}

/**
 * A copy to tailor for another kind of job. It keeps the same original (same
 * SHA-256): on the server the two share one stored file, so nothing is
 * uploaded again and the copy's file outlives the source's deletion (see
 * extension/background/sync/resume-files.ts). This device keeps its own copy of
 * the bytes under the new id, so "Download original" works offline too.
 */
export async function duplicateResume(id: string): Promise<Resume> {
  const { resumes } = await getDatabase();
  const source = await findResume(resumes, id);
  if (!source) throw new Error('This resume no longer exists.');
  const copyId = crypto.randomUUID();
  const original = await resumeFileStore().get(id);
  if (original) await resumeFileStore().put({ ...original, resumeId: copyId, orphanSince: undefined });
  const at = new Date().toISOString();
  const { fieldTimes: _times, ...rest } = source;
  const copy = await insertResume(resumes, {
    ...rest,
    id: copyId,
    name: `${source.name} (copy)`.slice(0, RESUME_LIMITS.nameLength),
    active: false,
    createdAt: at,
    updatedAt: at,
  });
  wakeSync([], [copyId]);
  return copy;
}

/** Deletes a resume; returns what `undoDelete` needs. The original stays on the device a while for the undo. */
export async function removeResume(id: string): Promise<Resume | undefined> {
  const { resumes } = await getDatabase();
  const removed = await deleteResume(resumes, id);
  const flagged: string[] = [];
  if (removed?.active) {
    // Another resume takes over, so the person is never left without an active one.
    const next = activeResumeId((await resumes.find().exec()).map((doc) => doc.toJSON()));
    if (next) flagged.push(...(await chooseActiveWrites(resumes, next)));
  }
  wakeSync(removed ? [id, ...flagged] : []);
  return removed;
}

export async function undoDelete(removed: Resume): Promise<void> {
  const { resumes } = await getDatabase();
  await restoreResume(resumes, removed);
  const flagged = removed.active ? await chooseActiveWrites(resumes, removed.id) : [];
  wakeSync([removed.id, ...flagged]);
}

export type OriginalResult = { state: 'ready'; blob: Blob; fileName: string } | { state: 'waiting' } | { state: 'failed'; message: string };

/**
 * The original file: from this device, or fetched from the server by the
 * background (which holds the tokens) when another device uploaded it.
 * Polls the file store until it arrives or `timeoutMs` passes.
 */
export async function fetchOriginal(resume: Resume, timeoutMs = 30_000, signal?: AbortSignal): Promise<OriginalResult> {
  const files = resumeFileStore();
  const local = await files.get(resume.id);
  if (local) return { state: 'ready', blob: new Blob([local.bytes], { type: local.contentType }), fileName: resume.file.fileName };
  await files.want(resume.id);
  const state = await ask({ type: 'auth:state' });
  if (state.ok && !state.account) {
    return { state: 'failed', message: 'The original file is on the device you uploaded it from. Sign in to sync on both devices to get it here.' };
  }
  wakeSync();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !signal?.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 400));
    const arrived = await files.get(resume.id);
    if (arrived) return { state: 'ready', blob: new Blob([arrived.bytes], { type: arrived.contentType }), fileName: resume.file.fileName };
    const wanted = await files.wantedOne(resume.id);
    if (wanted?.error === 'not-on-server') {
      return { state: 'failed', message: 'Your server does not have the original yet. The device it was uploaded from sends it the next time it syncs.' };
    }
  }
  return { state: 'failed', message: 'The original could not be fetched from your server in time. Check that sync is on and try again.' };
}

