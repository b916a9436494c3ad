import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../shared/jobs/capture';
import { TIMED_FIELDS, type Job } from '../../shared/schema';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { insertJobsInChunks } from './bulk-insert';
import { openDatabase, type TrackruitDatabase } from './database';
import { findJob } from './jobs';

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function freshDatabase(): Promise<TrackruitDatabase> {
  opened = await openDatabase({ name: `bulk-${crypto.randomUUID()}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
  return opened;
}

function importedJob(n: number): Job {
  const siteJobId = String(5_000_000 + n);
  return jobFromCapture(
    { ...acmeCapture, siteJobId, title: `Engineer ${n}`, url: `https://www.linkedin.com/jobs/view/${siteJobId}/` },
    new Date(Date.UTC(2026, 0, 1, 9, 0, n)),
    undefined,
    'manual',
  );
}

const jobsFrom = (count: number) => Array.from({ length: count }, (_, n) => importedJob(n));

describe('insertJobsInChunks', () => {
  it('stores every valid job with its field times stamped', async () => {
    const db = await freshDatabase();
    const docs = jobsFrom(5).map(({ fieldTimes: _f, ...job }) => job);

    const result = await insertJobsInChunks(db.jobs, docs, 2);

    expect(result.failures).toEqual([]);
    expect(result.inserted.map((job) => job.id)).toEqual(docs.map((job) => job.id));
    expect(await db.jobs.count().exec()).toBe(5);
    const stored = await findJob(db.jobs, docs[3]!.id);
    expect(stored?.title).toBe('Engineer 3');
    for (const field of TIMED_FIELDS) {
      if (stored?.[field] !== undefined) expect(stored.fieldTimes?.[field]).toBe(docs[3]!.updatedAt);
    }
  });

  it('writes one storage write per chunk, so no push batch re-walks a large same-timestamp group', async () => {
    const db = await freshDatabase();
    await insertJobsInChunks(db.jobs, jobsFrom(250), 100);

    const docs = await db.jobs.find().exec();
    const groups = new Map<number, number>();
    for (const doc of docs) {
      const lwt = doc.toJSON(true)._meta.lwt;
      groups.set(lwt, (groups.get(lwt) ?? 0) + 1);
    }
    expect([...groups.values()].sort((a, b) => b - a)).toEqual([100, 100, 50]);
  });

  it('reports invalid rows by position with the schema issues and stores the rest', async () => {
    const db = await freshDatabase();
    const docs = jobsFrom(4);
    const broken = [
      { ...docs[1]!, url: 'javascript:alert(1)' },
      { ...docs[2]!, title: '' },
    ];

    const result = await insertJobsInChunks(db.jobs, [docs[0]!, ...broken, docs[3]!]);

    expect(result.inserted.map((job) => job.id)).toEqual([docs[0]!.id, docs[3]!.id]);
    expect(result.failures).toMatchObject([
      { row: 1, id: docs[1]!.id, reason: 'invalid', issues: [{ path: 'url' }] },
      { row: 2, id: docs[2]!.id, reason: 'invalid', issues: [{ path: 'title' }] },
    ]);
    expect(await db.jobs.count().exec()).toBe(2);
  });

  it('leaves jobs already on the device untouched and reports ids repeated in the import', async () => {
    const db = await freshDatabase();
    const [existing, fresh] = jobsFrom(2);
    await insertJobsInChunks(db.jobs, [existing!]);

    const result = await insertJobsInChunks(db.jobs, [{ ...existing!, title: 'Renamed' }, fresh!, { ...fresh!, title: 'Again' }]);

    expect(result.inserted.map((job) => job.id)).toEqual([fresh!.id]);
    expect(result.failures).toEqual([
      { row: 0, id: existing!.id, reason: 'exists' },
      { row: 2, id: fresh!.id, reason: 'exists' },
    ]);
    expect((await findJob(db.jobs, existing!.id))?.title).toBe('Engineer 0');
    expect((await findJob(db.jobs, fresh!.id))?.title).toBe('Engineer 1');
  });

  it('refuses a chunk size that is not a positive integer', async () => {
    const db = await freshDatabase();
    await expect(insertJobsInChunks(db.jobs, jobsFrom(1), 0)).rejects.toThrow(RangeError);
    await expect(insertJobsInChunks(db.jobs, jobsFrom(1), 1.5)).rejects.toThrow(RangeError);
  });
});
