import 'fake-indexeddb/auto';
import { createRxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { jobFromCapture } from '../../shared/jobs/capture';
import { jobRxSchema } from '../../shared/schema';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { openDatabase, type TrackruitDatabase } from './database';

const VERSION_1_FIELDS = ['employmentType', 'postedAt', 'duration', 'startDate', 'possibleDuplicateOf', 'fieldTimes'];

/** The job schema as version 0 shipped it. */
function versionZeroSchema() {
  const properties = Object.fromEntries(
    Object.entries(jobRxSchema.properties).filter(([name]) => !VERSION_1_FIELDS.includes(name)),
  );
  return { ...jobRxSchema, version: 0, properties };
}

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.remove();
  opened = undefined;
});

describe('openDatabase', () => {
  it('migrates jobs stored under schema version 0 and keeps every one', async () => {
    const name = `migrate-${crypto.randomUUID()}`;
    const old = await createRxDatabase({ name, storage: getRxStorageDexie(), multiInstance: false });
    const { jobs } = await old.addCollections({ jobs: { schema: versionZeroSchema() } });
    const job = jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z'));
    await jobs.insert(job);
    await old.close();

    opened = await openDatabase({ name, multiInstance: false });
    const migrated = await opened.jobs.findOne(job.id).exec(true);
    expect(migrated.toJSON()).toMatchObject({ id: job.id, title: job.title, statusHistory: job.statusHistory });
    expect(await opened.jobs.count().exec()).toBe(1);
    expect(opened.jobs.schema.version).toBe(1);
  });
});
