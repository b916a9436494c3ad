import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../../shared/jobs/capture';
import { jobSchema, type Job } from '../../../shared/schema';
import { stampFieldTimes } from '../../../shared/sync/merge-job';
import { acmeCapture } from '../../../tests/fixtures/jobs';
import { insertJobsInChunks } from '../../db/bulk-insert';
import { openDatabase, type TrackruitDatabase } from '../../db/database';
import { jobsByRecency } from '../../db/jobs';
import { readNewestJobs } from './newest-jobs-idb';

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.remove();
  opened = undefined;
});

/** Change times in shuffled order, ten jobs sharing each (an import stamps many at once). */
function jobs(count: number): Job[] {
  return Array.from({ length: count }, (_, n) => {
    const job = jobFromCapture({ ...acmeCapture, siteJobId: String(4_200_000_000 + n) }, new Date(Date.UTC(2026, 10, 1) + Math.floor(((n * 7) % count) / 10) * 60_000));
    return jobSchema.parse(stampFieldTimes(undefined, job));
  });
}

describe('readNewestJobs', () => {
  it('reads the same newest jobs as RxDB, from RxDB’s own storage', async () => {
    const indexedDB = new IDBFactory();
    opened = await openDatabase({ indexedDB, IDBKeyRange, multiInstance: false });
    await insertJobsInChunks(opened.jobs, jobs(300));
    const newest = (await jobsByRecency(opened.jobs, 125).exec()).map((doc) => doc.toJSON() as Job);
    await opened.jobs.bulkRemove([newest[0]!.id, newest[5]!.id]);
    const expected = (await jobsByRecency(opened.jobs, 125).exec()).map((doc) => doc.toJSON() as Job);

    const read = await readNewestJobs(125, { indexedDB, IDBKeyRange });
    expect(read).toEqual(expected);
    // The documents come back as jobs, without RxDB's bookkeeping fields.
    expect(read!.map((job) => jobSchema.parse(job))).toEqual(expected);
  });

  it('answers undefined, and creates nothing, before RxDB has made its database', async () => {
    const indexedDB = new IDBFactory();
    expect(await readNewestJobs(10, { indexedDB, IDBKeyRange })).toBeUndefined();
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('answers undefined when the layout is not what it knows', async () => {
    const indexedDB = new IDBFactory();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('unexpected', 1);
      request.onupgradeneeded = () => request.result.createObjectStore('docs', { keyPath: 'id' });
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
      request.onerror = () => reject(request.error);
    });
    expect(await readNewestJobs(10, { indexedDB, IDBKeyRange, name: 'unexpected' })).toBeUndefined();
  });
});
