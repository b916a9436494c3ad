import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../shared/jobs/capture';
import { JOB_SCHEMA_VERSION, jobRxSchema, type Job } from '../../shared/schema';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from './database';

/** The fields each schema version added. */
const ADDED_IN: Record<number, string[]> = {
  1: ['employmentType', 'postedAt', 'duration', 'startDate', 'possibleDuplicateOf', 'fieldTimes'],
  2: ['schemaVersion', 'followUpAt', 'notes', 'contacts', 'interviews', 'tags'],
};

/** The job schema as version `version` shipped it. */
function schemaAtVersion(version: number) {
  const later = Object.entries(ADDED_IN).filter(([v]) => Number(v) > version).flatMap(([, fields]) => fields);
  const properties = Object.fromEntries(Object.entries(jobRxSchema.properties).filter(([name]) => !later.includes(name)));
  return { ...jobRxSchema, version, properties, required: jobRxSchema.required.filter((name) => !later.includes(name)) };
}

/** A job as an older extension stored it: without the fields added since. */
function storedBy(version: number, job: Job): Record<string, unknown> {
  const { schemaVersion: _version, fieldTimes, ...rest } = job;
  return version >= 1 ? { ...rest, fieldTimes: { ...fieldTimes, followUpAt: undefined } } : rest;
}

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.remove();
  opened = undefined;
});

describe('openDatabase', () => {
  it.each([0, 1])('migrates jobs stored under schema version %i and keeps every one', async (version) => {
    const name = `migrate-${crypto.randomUUID()}`;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: false });
    const { jobs } = await old.addCollections({ jobs: { schema: schemaAtVersion(version) } });
    const job = jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z'));
    await jobs.insert(storedBy(version, job));
    await old.close();

    opened = await openDatabase({ name, multiInstance: false });
    const migrated = await opened.jobs.findOne(job.id).exec(true);
    expect(migrated.toJSON()).toMatchObject({ id: job.id, title: job.title, statusHistory: job.statusHistory, schemaVersion: 2 });
    expect(await opened.jobs.count().exec()).toBe(1);
    expect(opened.jobs.schema.version).toBe(JOB_SCHEMA_VERSION);
  });
});
