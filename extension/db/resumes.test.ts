import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { activeResumeId } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { openDatabase, type TrackruitDatabase } from './database';
import { allResumes, chooseActiveResume, deleteResume, findResume, insertResume, restoreResume, updateResume } from './resumes';
import { ResumeFileStore } from './resumes-files';

let db: TrackruitDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

const open = async () => (db = await openDatabase({ name: `resumes-${crypto.randomUUID()}`, multiInstance: false }));

describe('resumes collection', () => {
  it('stores, edits with per-section times, deletes and restores a resume', async () => {
    const { resumes } = await open();
    const stored = await insertResume(resumes, testResume({ id: 'r1' }));
    expect(stored.fieldTimes?.skills).toBe(stored.createdAt);

    const edited = await updateResume(resumes, 'r1', (current) => ({ ...current, resume: { ...current.resume, skills: ['Go'] } }));
    expect(edited.resume.skills).toEqual(['Go']);
    expect(edited.parsed.skills).toEqual(['JavaScript', 'PostgreSQL']);
    expect(edited.fieldTimes?.skills).toBe(edited.updatedAt);
    expect(edited.fieldTimes?.summary).toBe(stored.createdAt);

    const removed = await deleteResume(resumes, 'r1');
    expect(await findResume(resumes, 'r1')).toBeUndefined();
    await restoreResume(resumes, removed!);
    expect((await findResume(resumes, 'r1'))?.resume.skills).toEqual(['Go']);
  });

  it('refuses a resume the server would refuse, and keeps the stored one', async () => {
    const { resumes } = await open();
    await insertResume(resumes, testResume({ id: 'r1' }));
    await expect(updateResume(resumes, 'r1', (current) => ({ ...current, name: '  ' }))).rejects.toThrow();
    await expect(updateResume(resumes, 'r1', (current) => ({ ...current, resume: { ...current.resume, summary: 'x'.repeat(1024 * 1024) } }))).rejects.toThrow(/at most 1024 KB/);
    expect((await findResume(resumes, 'r1'))?.name).toBe('Backend resume');
  });

  it('keeps exactly one resume flagged active', async () => {
    const { resumes } = await open();
    await insertResume(resumes, testResume({ id: 'r1', active: true }));
    await insertResume(resumes, testResume({ id: 'r2', active: false }));
    await chooseActiveResume(resumes, 'r2');
    const all = await allResumes(resumes);
    expect(all.filter((resume) => resume.active).map((resume) => resume.id)).toEqual(['r2']);
    expect(activeResumeId(all)).toBe('r2');
  });
});

describe('resume file store', () => {
  it('keeps originals and requests apart, and clears both', async () => {
    const files = new ResumeFileStore(indexedDB, `files-${crypto.randomUUID()}`);
    const bytes = new TextEncoder().encode('%PDF-1.7 test').buffer;
    await files.want('r1');
    await files.put({ resumeId: 'r1', fileName: 'cv.pdf', contentType: 'application/pdf', size: bytes.byteLength, sha256: 'a'.repeat(64), bytes });
    expect(await files.wanted()).toEqual([]);
    expect(new TextDecoder().decode((await files.get('r1'))!.bytes)).toBe('%PDF-1.7 test');
    await files.setOrphanSince('r1', '2026-11-20T10:00:00.000Z');
    expect((await files.get('r1'))?.orphanSince).toBe('2026-11-20T10:00:00.000Z');
    await files.want('r2');
    await files.wantFailed('r2', 'not-on-server');
    expect(await files.wantedOne('r2')).toMatchObject({ error: 'not-on-server' });
    await files.clear();
    expect(await files.list()).toEqual([]);
    expect(await files.wanted()).toEqual([]);
  });
});
