/**
 * Embedded LevelDB handles: closed when idle, compacted after enough writes.
 * CouchDB manages its own files, so this runs in `integration` only.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/eventually';
import { job, syncCallsTo } from '../../helpers/sync-calls';
import { startTestServer, type TestServer } from '../../helpers/test-server';
import { DEFAULT_SYNC_LIMITS } from '../../../server/sync/limits';

let quick: TestServer;
const { register, call, write } = syncCallsTo(() => quick);

describe('database handles', () => {
  const requireFromPouch = createRequire(createRequire(import.meta.url).resolve('pouchdb'));
  const leveldown = requireFromPouch('leveldown') as (location: string) => {
    open(callback: (error?: Error) => void): void;
    close(callback: (error?: Error) => void): void;
  };
  /** Opening fails while any handle in this process still holds the directory's lock. */
  async function lockIsFree(location: string): Promise<boolean> {
    const db = leveldown(location);
    const opened = await new Promise<boolean>((resolve) => db.open((error) => resolve(!error)));
    if (opened) await new Promise<void>((resolve) => db.close(() => resolve()));
    return opened;
  }

  it('closes an idle database, and compacts one after enough writes, however far apart', async () => {
    quick = await startTestServer({ syncLimits: { ...DEFAULT_SYNC_LIMITS, idleDatabaseSeconds: 0.5, compactAfterWrites: 4 } });
    try {
      const a = await register();
      const location = path.join(quick.dataDir, 'userdbs', a.db);
      const [first] = await write(a, [job('c:1')]);
      let rev = first!.rev;
      const edit = async (i: number) => {
        const [row] = await write(a, [{ ...job('c:1', { title: `Edit ${i}` }), _rev: rev }]);
        rev = row!.rev;
      };
      await edit(0);
      // Idle: the handle is closed. The two writes so far still count towards compaction.
      expect(await eventually(() => lockIsFree(location), (free) => free)).toBe(true);
      for (let i = 1; i < 4; i += 1) await edit(i);
      // Compaction drops the bodies of replaced revisions.
      await eventually(
        async () => (await call(a, 'POST', '/_bulk_get', { docs: [{ id: 'c:1', rev: first!.rev }] })).json,
        (json) => JSON.stringify(json).includes('"missing"'),
      );
      expect(await eventually(() => lockIsFree(location), (free) => free)).toBe(true);
      // A request after that opens it again.
      const read = await call(a, 'POST', '/_all_docs', { keys: ['c:1'], include_docs: true });
      expect((read.json.rows as { doc: { title: string } }[])[0]!.doc.title).toBe('Edit 3');
    } finally {
      await quick.stop();
    }
  });
});
