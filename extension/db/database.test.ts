import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../shared/jobs/capture';
import { JOB_DOC_VERSION, JOB_SCHEMA_VERSION, jobRxSchema, jobSchema, type Job } from '../../shared/schema';
import { stampFieldTimes } from '../../shared/sync/merge-job';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from './database';

/** The fields each schema version added. */
const ADDED_IN: Record<number, string[]> = {
  1: ['employmentType', 'postedAt', 'duration', 'startDate', 'possibleDuplicateOf', 'fieldTimes'],
  2: ['schemaVersion', 'followUpAt', 'notes', 'contacts', 'interviews', 'tags'],
  3: ['detection'],
};

/** The job schema as version `version` shipped it. */
function schemaAtVersion(version: number) {
  const later = Object.entries(ADDED_IN).filter(([v]) => Number(v) > version).flatMap(([, fields]) => fields);
  const properties = Object.fromEntries(Object.entries(jobRxSchema.properties).filter(([name]) => !later.includes(name)));
  return { ...jobRxSchema, version, properties, required: jobRxSchema.required.filter((name) => !later.includes(name)) };
}

/** A job as an older extension stored it: without the fields added since. */
function storedBy(version: number, job: Job): Record<string, unknown> {
  const { schemaVersion: _version, fieldTimes, detection: _detection, ...rest } = job;
  const { followUpAt: _followUp, detection: _detected, ...timesV1 } = fieldTimes ?? {};
  if (version === 0) return rest;
  if (version === 1) return { ...rest, fieldTimes: timesV1 };
  return { ...rest, schemaVersion: 2, fieldTimes: { ...timesV1, ...(fieldTimes?.followUpAt ? { followUpAt: fieldTimes.followUpAt } : {}) } };
}

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.remove();
  opened = undefined;
});

describe('openDatabase', () => {
  it.each([0, 1, 2])('migrates jobs stored under schema version %i and keeps every one', async (version) => {
    const name = `migrate-${crypto.randomUUID()}`;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: false });
    const { jobs } = await old.addCollections({ jobs: { schema: schemaAtVersion(version) } });
    const job = stampFieldTimes(undefined, jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z')));
    await jobs.insert(storedBy(version, job));
    await old.close();

    opened = await openDatabase({ name, multiInstance: false });
    const migrated = await opened.jobs.findOne(job.id).exec(true);
    expect(migrated.toJSON()).toMatchObject({ id: job.id, title: job.title, statusHistory: job.statusHistory, schemaVersion: JOB_DOC_VERSION });
    expect(jobSchema.safeParse(migrated.toJSON()).error).toBeUndefined();
    expect(await opened.jobs.count().exec()).toBe(1);
    expect(opened.jobs.schema.version).toBe(JOB_SCHEMA_VERSION);
  });
});
