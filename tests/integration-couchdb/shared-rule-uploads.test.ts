import { randomUUID } from 'node:crypto';
import PouchDB from 'pouchdb';
import { expect, it } from 'vitest';
import { shippedRules } from '../../shared/rules';
import { openRuleUploadStore, type UploadedRuleSet } from '../../server/rules/upload-store';
import { testCouchUrl } from '../helpers/couch-mode';
import { eventually } from '../helpers/eventually';

/**
 * Two servers on one CouchDB each hold the uploaded rule sets in memory (the
 * extension config route must not read the database per request): with
 * `shared`, an upload or rollback made through one is served by the other.
 */

const upload = (version: number): UploadedRuleSet => ({ rules: { ...structuredClone(shippedRules), version }, uploadedAt: new Date(version * 1000).toISOString(), uploadedBy: 'ops@example.com' });

it('serves on one store what another store on the same CouchDB database uploads', async () => {
  const couch = testCouchUrl();
  expect(couch, 'the integration-couchdb project sets TRACKRUIT_TEST_COUCHDB_URL').toBeTruthy();
  const name = `rules_${randomUUID()}`;
  // Each server has its own handle on the database, as each has its own HTTP client.
  const source = async <Content extends object>() => new PouchDB<Content>(`${couch}/${name}`);
  const logged: string[] = [];
  const log = (message: string) => logged.push(message);
  const mine = await openRuleUploadStore(source, log, { shared: true });
  const theirs = await openRuleUploadStore(source, log, { shared: true });
  try {
    await theirs.add(upload(7));
    await eventually(async () => mine.newest()?.rules.version, (version) => version === 7);
    expect(mine.find(7)).toEqual(upload(7));
    await mine.add(upload(8));
    await eventually(async () => theirs.list().map((u) => u.rules.version).join(), (versions) => versions === '8,7');
  } finally {
    await theirs.close();
    await mine.close();
    await new PouchDB(`${couch}/${name}`).destroy();
  }
  expect(logged).toEqual([]);
});
