import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageDocs, type StoredDoc } from './user-docs';

PouchDB.plugin(memoryAdapter);

/**
 * Paging reads the database in chunks of 200: these cover filters that match
 * few documents across several chunks, the scan bound, and documents deleted
 * or added between pages, on more documents than one chunk holds.
 */

let db: PouchDB.Database;
const ids = Array.from({ length: 1_234 }, (_, i) => `job:${String(i).padStart(5, '0')}`);

beforeAll(async () => {
  db = new PouchDB(`user-docs-${Date.now()}`, { adapter: 'memory' });
  await db.bulkDocs(ids.map((_id, i) => ({ _id, n: i })));
  await db.put({ _id: '_design/x', views: {} });
});

afterAll(async () => {
  await db.destroy();
});

async function everyPage(limit: number, accept: (doc: StoredDoc) => boolean, maxScanned = 5_000, between?: () => Promise<void>) {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await pageDocs(db, { after, limit, accept, maxScanned });
    expect(page.docs.length).toBeLessThanOrEqual(limit);
    seen.push(...page.docs.map((doc) => doc._id));
    pages += 1;
    await between?.();
    if (page.next === null) return { seen, pages };
    after = page.next;
  }
}

describe('pageDocs', () => {
  it('lists every document once, design documents left out', async () => {
    const { seen } = await everyPage(100, () => true);
    expect(seen).toEqual(ids);
  });

  it('finds the matches of a sparse filter in every chunk, not only the first two', async () => {
    const sparse = (doc: StoredDoc) => (doc.n as number) % 97 === 0;
    const { seen } = await everyPage(3, sparse);
    expect(seen).toEqual(ids.filter((_, i) => i % 97 === 0));
  });

  it('stops a page at the scan bound and continues from there', async () => {
    const none = () => false;
    const { seen, pages } = await everyPage(10, none, 500);
    expect(seen).toEqual([]);
    expect(pages).toBe(Math.ceil((ids.length + 1) / 500));
  });

  it('still lists each document present from start to end once when the last one sent is deleted between pages', async () => {
    const deleted: string[] = [];
    let after: string | undefined;
    const seen: string[] = [];
    for (;;) {
      const page = await pageDocs(db, { after, limit: 250, accept: () => true, maxScanned: 5_000 });
      seen.push(...page.docs.map((doc) => doc._id));
      if (page.next === null) break;
      const last = await db.get(page.next);
      await db.remove(last);
      deleted.push(page.next);
      after = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(ids);
    expect(deleted.length).toBeGreaterThan(0);
  });
});
