import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shippedRules } from '../../shared/rules';
import { systemPouch } from '../storage/pouchdb/system-pouch';
import { openRuleUploadStore, RULE_HISTORY_LIMIT, type UploadedRuleSet } from './upload-store';

let dataDir: string;
const logged: string[] = [];
const log = (message: string) => logged.push(message);

const upload = (version: number): UploadedRuleSet => ({ rules: { ...structuredClone(shippedRules), version }, uploadedAt: new Date(version * 1000).toISOString(), uploadedBy: 'ops@example.com' });

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-rule-store-'));
  logged.length = 0;
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

describe('openRuleUploadStore', () => {
  it(`keeps the newest ${RULE_HISTORY_LIMIT} versions, on disk as in memory, across a reopen`, async () => {
    const store = await openRuleUploadStore(dataDir, log);
    for (let version = 4; version < 4 + RULE_HISTORY_LIMIT + 2; version += 1) await store.add(upload(version));
    const versions = store.list().map((u) => u.rules.version);
    expect(versions).toHaveLength(RULE_HISTORY_LIMIT);
    expect(versions[0]).toBe(4 + RULE_HISTORY_LIMIT + 1);
    expect(store.find(4)).toBeUndefined();
    expect(store.find(5)).toBeUndefined();
    expect(store.newest()).toEqual(upload(4 + RULE_HISTORY_LIMIT + 1));
    await expect(store.add(upload(10))).rejects.toMatchObject({ status: 409 });
    await store.close();

    const reopened = await openRuleUploadStore(dataDir, log);
    expect(reopened.list()).toEqual(store.list());
    await reopened.close();
    const db = new (systemPouch(dataDir))('extension_rules');
    expect((await db.allDocs()).rows).toHaveLength(RULE_HISTORY_LIMIT);
    await db.close();
    expect(logged).toEqual([]);
  });

  it('does not serve a stored set that no longer validates, and says so', async () => {
    const db = new (systemPouch(dataDir))('extension_rules');
    await db.put({ _id: 'ruleset:0000000009', rules: { version: 9, sites: {} }, uploadedAt: '2026-12-07T00:00:00.000Z', uploadedBy: 'ops@example.com' });
    await db.close();
    const store = await openRuleUploadStore(dataDir, log);
    expect(store.list()).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(/^Uploaded rule set ruleset:0000000009 is no longer a valid rule set/)]);
    await store.close();
  });
});
