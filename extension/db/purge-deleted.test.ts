import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { testResume } from '../../shared/resume/doc/test-resume';
import { openDatabase, type TrackruitDatabase } from './database';
import { purgeDeletedDocs } from './purge-deleted';
import { insertResume } from './resumes';

let opened: TrackruitDatabase | undefined;
afterEach(async () => {
  await opened?.remove();
  opened = undefined;
});

/** What the storage holds for these ids, tombstones included. */
async function stored(db: TrackruitDatabase, ids: string[]) {
  const docs = await db.resumes.storageInstance.findDocumentsById(ids, true);
  return docs.map((doc) => ({ id: doc.id, deleted: doc._deleted })).sort((a, b) => a.id.localeCompare(b.id));
}

describe('purgeDeletedDocs', () => {
  it('removes the tombstones of documents deleted a moment ago and keeps the others', async () => {
    opened = await openDatabase({ name: `purge-${crypto.randomUUID()}`, multiInstance: false });
    for (const id of ['a', 'b', 'c']) await insertResume(opened.resumes, testResume({ id, name: `CV ${id}` }));
    await opened.resumes.find({ selector: { id: { $in: ['a', 'c'] } } }).remove();
    expect(await stored(opened, ['a', 'b', 'c'])).toEqual([
      { id: 'a', deleted: true },
      { id: 'b', deleted: false },
      { id: 'c', deleted: true },
    ]);

    await purgeDeletedDocs(opened.resumes);

    expect(await stored(opened, ['a', 'b', 'c'])).toEqual([{ id: 'b', deleted: false }]);
    expect(await opened.resumes.count().exec()).toBe(1);
  });
});
