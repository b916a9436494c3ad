import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../../shared/jobs/capture';
import type { Job } from '../../../shared/schema';
import { exportCsv, exportJson } from '../../../shared/transfer/export';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { findJob } from '../../db/jobs';
import { allResumes, findResume, insertResume } from '../../db/resumes';
import { activeResumeId, stampResumeFieldTimes } from '../../../shared/resume/doc';
import { testResume } from '../../../shared/resume/doc/test-resume';
import { runImport, type RunProgress } from './run-import';

let opened: TrackruitDatabase[] = [];
afterEach(async () => {
  for (const db of opened) await db.close();
  opened = [];
});

async function freshDatabase(): Promise<TrackruitDatabase> {
  const db = await openDatabase({ name: `import-${crypto.randomUUID()}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  opened.push(db);
  return db;
}

const file = (name: string, text: string) => ({ name, size: new TextEncoder().encode(text).length, text: async () => text });
const now = new Date('2026-03-01T08:00:00.000Z');
const noPause = async () => {};

function jobs(count: number): Job[] {
  return Array.from({ length: count }, (_, n) => {
    const siteJobId = String(7_000_000 + n);
    const job = jobFromCapture({ ...acmeCapture, siteJobId, title: `Engineer ${n}`, url: `https://www.linkedin.com/jobs/view/${siteJobId}/` }, new Date(Date.UTC(2026, 0, 1, 9, 0, n)));
    return { ...job, tags: ['imported'], notes: [{ id: `n${n}`, text: `Note ${n}`, at: job.createdAt }] };
  });
}

describe('runImport', () => {
  it("imports our own export into an empty device, and a second import of it adds nothing", async () => {
    const source = jobs(1_200);
    const db = await freshDatabase();
    const progress: RunProgress[] = [];

    const first = await runImport(db.jobs, file('trackruit.json', exportJson(source, now.toISOString())), { now, pause: noPause, onProgress: (p) => progress.push(p) });
    expect(first.inserted).toBe(1_200);
    expect(first.existing).toEqual([]);
    expect(await db.jobs.count().exec()).toBe(1_200);
    expect(await findJob(db.jobs, source[5]!.id)).toMatchObject({ title: 'Engineer 5', tags: ['imported'], notes: source[5]!.notes });
    expect(progress.filter((p) => p.phase === 'writing').map((p) => p.done)).toEqual([500, 1_000, 1_200]);

    const again = await runImport(db.jobs, file('trackruit.csv', exportCsv(source)), { now, pause: noPause });
    expect(again.inserted).toBe(0);
    expect(again.existing).toHaveLength(1_200);
    // Rows count from the header (row 1): the first job is on row 2.
    expect(again.existing[0]).toEqual({ row: 2, id: source[0]!.id });
    expect(await db.jobs.count().exec()).toBe(1_200);
  });

  it('never overwrites a job already here, even when the file differs', async () => {
    const [job] = jobs(1);
    const db = await freshDatabase();
    await runImport(db.jobs, file('a.json', exportJson([job!], now.toISOString())), { now, pause: noPause });
    const edited = { ...job!, title: 'Renamed in the file' };
    const outcome = await runImport(db.jobs, file('b.json', exportJson([edited], now.toISOString())), { now, pause: noPause });
    expect(outcome.existing).toEqual([{ row: 1, id: job!.id }]);
    expect((await findJob(db.jobs, job!.id))?.title).toBe('Engineer 0');
  });

  it('refuses a file over the size limit before reading it', async () => {
    const db = await freshDatabase();
    let read = false;
    const huge = { name: 'big.csv', size: 21 * 1024 * 1024, text: async () => ((read = true), '') };
    await expect(runImport(db.jobs, huge, { now, pause: noPause })).rejects.toThrow(/The file is 21\.0 MB/);
    expect(read).toBe(false);
  });
});

describe('runImport with resumes', () => {
  const resume = (id: string, name: string, active = false) => stampResumeFieldTimes(undefined, testResume({ id, name, active }));

  it('brings exported resumes back on another device, and a second import adds nothing', async () => {
    const [job] = jobs(1);
    const resumes = [resume('r-backend', 'Backend 2026', true), resume('r-frontend', 'Frontend 2026')];
    const text = exportJson([job!], now.toISOString(), resumes);
    const db = await freshDatabase();

    const first = await runImport(db.jobs, file('trackruit.json', text), { now, pause: noPause });
    expect(first.inserted).toBe(1);
    expect(first.resumes).toEqual({ inserted: 2, existing: [], writeFailures: [] });
    expect(await findResume(db.resumes, 'r-backend')).toMatchObject({ name: 'Backend 2026', active: true, resume: resumes[0]!.resume, file: resumes[0]!.file });

    const again = await runImport(db.jobs, file('trackruit.json', text), { now, pause: noPause });
    expect(again.resumes.inserted).toBe(0);
    expect(again.resumes.existing).toEqual([
      { row: 1, id: 'r-backend', name: 'Backend 2026' },
      { row: 2, id: 'r-frontend', name: 'Frontend 2026' },
    ]);
    expect(await db.resumes.count().exec()).toBe(2);
  });

  it('never overwrites a resume here, and keeps the active one this device chose', async () => {
    const db = await freshDatabase();
    await insertResume(db.resumes, resume('mine', 'Mine', true));
    const text = exportJson([], now.toISOString(), [{ ...resume('mine', 'Renamed in the file'), active: true }, resume('theirs', 'Theirs', true)]);
    const outcome = await runImport(db.jobs, file('trackruit.json', text), { now, pause: noPause });
    expect(outcome.resumes.inserted).toBe(1);
    expect((await findResume(db.resumes, 'mine'))?.name).toBe('Mine');
    expect(activeResumeId(await allResumes(db.resumes))).toBe('mine');
    expect((await findResume(db.resumes, 'theirs'))?.active).toBe(false);
  });

  it('imports the good resumes of a file with bad ones, naming why, and a file whose resumes are no list writes nothing', async () => {
    const db = await freshDatabase();
    const good = resume('good', 'Good');
    const text = JSON.stringify({ format: 'trackruit-jobs', version: 2, jobs: [], resumes: [{ ...good, id: 'bad', schemaVersion: 99 }, good] });
    const outcome = await runImport(db.jobs, file('trackruit.json', text), { now, pause: noPause });
    expect(outcome.resumes.inserted).toBe(1);
    expect(outcome.plan.resumes.failures).toEqual([{ row: 1, id: 'bad', reason: expect.stringContaining('schemaVersion') }]);
    expect((await allResumes(db.resumes)).map((entry) => entry.id)).toEqual(['good']);

    const [job] = jobs(1);
    const broken = JSON.stringify({ format: 'trackruit-jobs', version: 2, jobs: [job], resumes: 'none' });
    await expect(runImport(db.jobs, file('broken.json', broken), { now, pause: noPause })).rejects.toThrow(/not a list of resumes/);
    expect(await db.jobs.count().exec()).toBe(0);
    expect(await db.resumes.count().exec()).toBe(1);
  });
});
