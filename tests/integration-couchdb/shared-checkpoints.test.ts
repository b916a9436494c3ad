import { randomUUID } from 'node:crypto';
import PouchDB from 'pouchdb';
import { expect, it } from 'vitest';
import { openCheckpointStore } from '../../server/analytics/platform/checkpoints';
import { contributionOf } from '../../shared/analytics/contribution';
import { testCouchUrl } from '../helpers/couch-mode';

/**
 * Two server instances keep platform analytics checkpoints in one CouchDB
 * database: each remembers the revisions it wrote, which the other's writes
 * make stale. Replacing or removing one still lands.
 */
it('replaces and removes a checkpoint the other instance wrote since', async () => {
  const couch = testCouchUrl();
  expect(couch, 'the integration-couchdb project sets TRACKRUIT_TEST_COUCHDB_URL').toBeTruthy();
  const name = `checkpoints_${randomUUID()}`;
  const source = async <Content extends object>() => new PouchDB<Content>(`${couch}/${name}`);
  const mine = openCheckpointStore(source);
  const theirs = openCheckpointStore(source);
  const contribution = contributionOf([], undefined);
  try {
    await mine.put({ userId: 'ada', seq: '1', contribution });
    await theirs.put({ userId: 'ada', seq: '2', contribution });
    // `mine` still holds the first revision.
    await mine.put({ userId: 'ada', seq: '3', contribution });
    expect((await theirs.loadAll()).map((checkpoint) => checkpoint.seq)).toEqual(['3']);
    await theirs.put({ userId: 'ada', seq: '4', contribution });
    await mine.remove('ada');
    expect(await theirs.loadAll()).toEqual([]);
  } finally {
    await mine.close();
    await theirs.close();
    await new PouchDB(`${couch}/${name}`).destroy();
  }
});
