/**
 * PouchDB's own replication (revs_diff, bulk_get, new_edits=false) between an
 * in-memory PouchDB and the same server: the baseline the extension's stack
 * is compared with. Default replication options (batch_size 100). The gate
 * refuses `new_edits: false`, so the push goes to the bench server's ungated
 * endpoint (same databases, ./server-entry.ts); the pull goes through the gate.
 */
import PouchDB from 'pouchdb';
import memoryAdapter from 'pouchdb-adapter-memory';
import type { Tokens } from '../../../extension/background/account/tokens';
import type { JobCouchDoc } from '../../../shared/schema';

PouchDB.plugin(memoryAdapter);

const clock = () => performance.now();
let databases = 0;

function remote(tokens: Tokens, syncUrl = tokens.syncUrl): PouchDB.Database {
  return new PouchDB(syncUrl, {
    skip_setup: true,
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${tokens.accessToken}`);
      return fetch(url, { ...init, headers });
    },
  });
}

function local(): PouchDB.Database {
  databases += 1;
  return new PouchDB(`bench-${databases}`, { adapter: 'memory' });
}

/** A device with `docs` in a memory PouchDB, ready to push. */
export async function pouchWithDocs(docs: JobCouchDoc[]): Promise<PouchDB.Database> {
  const source = local();
  const written = await source.bulkDocs(docs as PouchDB.Core.PutDocument<object>[]);
  if (written.some((row) => 'error' in row && row.error)) throw new Error('memory PouchDB refused a document');
  return source;
}

/** Times a one-off replication of `source` to the user's database at `syncUrl`; destroys `source`. */
export async function pouchPush(tokens: Tokens, source: PouchDB.Database, expected: number, syncUrl: string): Promise<number> {
  const target = remote(tokens, syncUrl);
  try {
    const start = clock();
    const result = await PouchDB.replicate(source, target);
    const ms = clock() - start;
    if (result.docs_written !== expected) throw new Error(`PouchDB pushed ${result.docs_written} of ${expected}`);
    return ms;
  } finally {
    await source.destroy();
    await target.close();
  }
}

/** Times a one-off replication of everything on the server into an empty memory PouchDB. */
export async function pouchPull(tokens: Tokens, expected: number): Promise<number> {
  const source = remote(tokens);
  const target = local();
  try {
    const start = clock();
    const result = await PouchDB.replicate(source, target);
    const ms = clock() - start;
    if (result.docs_written !== expected) throw new Error(`PouchDB pulled ${result.docs_written} of ${expected}`);
    return ms;
  } finally {
    await target.destroy();
    await source.close();
  }
}
