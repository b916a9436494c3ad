/**
 * PouchDB's replication in the bench's Chromium, on its IndexedDB adapter:
 * the browser library a developer would otherwise pick. Bundled by
 * ./browser.ts into a page of its own (pouchdb's browser build: the `idb`
 * adapter and HTTP), exposed to Playwright as `globalThis.syncBench` like
 * ./browser-entry.ts. The `indexeddb` adapter ships only as a script that
 * registers itself on a global PouchDB; it is loaded when asked for.
 */
import PouchDB from 'pouchdb';
import { benchCouchDocs } from './jobs';

export type PouchAdapter = 'idb' | 'indexeddb';

const clock = () => performance.now();
const prepared = new Map<string, PouchDB.Database>();
let indexeddbLoaded: Promise<void> | undefined;

function loadIndexeddbAdapter(): Promise<void> {
  indexeddbLoaded ??= new Promise<void>((resolve, reject) => {
    (globalThis as unknown as { PouchDB: typeof PouchDB }).PouchDB = PouchDB;
    const script = document.createElement('script');
    script.src = '/pouchdb.indexeddb.js';
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('pouchdb.indexeddb.js did not load'));
    document.head.append(script);
  });
  return indexeddbLoaded;
}

async function open(name: string, adapter: PouchAdapter): Promise<PouchDB.Database> {
  if (adapter === 'indexeddb') await loadIndexeddbAdapter();
  const db = new PouchDB(name, { adapter });
  await db.info();
  return db;
}

/** The adapter PouchDB picked (a runtime property its typings leave out). */
const adapterOf = (db: PouchDB.Database) => (db as unknown as { adapter: string }).adapter;

function remote(syncUrl: string, accessToken: string): PouchDB.Database {
  return new PouchDB(syncUrl, {
    skip_setup: true,
    fetch: (url, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${accessToken}`);
      // PouchDB asks for cookies (CouchDB's cookie auth); the server answers CORS without
      // Allow-Credentials, as the extension sends a bearer token and no cookies.
      return fetch(url, { ...init, headers, credentials: 'omit' });
    },
  });
}

/** PouchDB rejects with plain objects (status, name, reason), which Playwright would reduce to nothing readable. */
async function replicate(source: PouchDB.Database, target: PouchDB.Database, batchSize: number) {
  try {
    return await PouchDB.replicate(source, target, { batch_size: batchSize });
  } catch (error) {
    const { status, name, reason, message } = (error ?? {}) as Record<string, unknown>;
    throw new Error(`PouchDB replication failed: ${JSON.stringify({ status, name, reason, message })}`);
  }
}

interface Transfer {
  syncUrl: string;
  accessToken: string;
  expected: number;
  tag: string;
  batchSize: number;
  adapter: PouchAdapter;
}

const pouchBench = {
  /** A device holding `count` bench jobs in an IndexedDB PouchDB (not timed as part of the push). */
  async insert(options: { count: number; tag: string; adapter: PouchAdapter }): Promise<{ ms: number }> {
    const db = await open(`pouch-push-${options.tag}`, options.adapter);
    const start = clock();
    const written = await db.bulkDocs(benchCouchDocs(options.count, options.tag) as PouchDB.Core.PutDocument<object>[]);
    if (written.some((row) => 'error' in row && row.error)) throw new Error('IndexedDB PouchDB refused a document');
    prepared.set(options.tag, db);
    return { ms: clock() - start };
  },

  async push(options: Transfer): Promise<{ ms: number; adapter: string }> {
    const source = prepared.get(options.tag);
    if (!source) throw new Error(`no PouchDB device prepared for ${options.tag}`);
    prepared.delete(options.tag);
    const target = remote(options.syncUrl, options.accessToken);
    try {
      const start = clock();
      const result = await replicate(source, target, options.batchSize);
      const ms = clock() - start;
      if (result.docs_written !== options.expected) throw new Error(`PouchDB pushed ${result.docs_written} of ${options.expected}`);
      return { ms, adapter: adapterOf(source) };
    } finally {
      await source.close();
      await target.close();
    }
  },

  async pull(options: Transfer): Promise<{ ms: number; adapter: string }> {
    const source = remote(options.syncUrl, options.accessToken);
    const target = await open(`pouch-pull-${options.tag}`, options.adapter);
    try {
      const start = clock();
      const result = await replicate(source, target, options.batchSize);
      const ms = clock() - start;
      const stored = (await target.info()).doc_count;
      if (result.docs_written !== options.expected || stored !== options.expected) {
        throw new Error(`PouchDB pulled ${result.docs_written} of ${options.expected} (${stored} stored)`);
      }
      return { ms, adapter: adapterOf(target) };
    } finally {
      await target.close();
      await source.close();
    }
  },
};

export type PouchBenchApi = typeof pouchBench;

(globalThis as unknown as { syncBench: PouchBenchApi }).syncBench = pouchBench;
