/**
 * The replication's own CouchDB handlers against the real sync server: how
 * many requests a push costs, and what comes back as a conflict.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WithDeleted } from 'rxdb';
import type { FetchLike } from '../../extension/background/api';
import { CouchPull } from '../../extension/background/couch/pull';
import { couchPushHandler } from '../../extension/background/couch/push-handler';
import { KnownRevisions } from '../../extension/background/couch/known-revisions';
import { PulledStates } from '../../extension/background/pull-echoes';
import { syncUrlOnServer } from '../../extension/background/tokens';
import { jobFromCapture } from '../../shared/jobs/capture';
import { sameValue } from '../../shared/sync/merge-job';
import type { Job } from '../../shared/schema';
import { acmeCapture } from '../fixtures/jobs';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
let counter = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

interface Database {
  url: string;
  requests: string[];
  fetch: FetchLike;
  /** Writes as another device would, outside the handler. */
  write(doc: Record<string, unknown>): Promise<string>;
  read(id: string): Promise<Record<string, unknown> & { _rev: string }>;
}

async function newDatabase(): Promise<Database> {
  counter += 1;
  const session = await createVerifiedAccount(server, { name: `Couch ${counter}`, email: `couch-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
  const url = syncUrlOnServer(server.url, session.syncUrl);
  const auth = { authorization: `Bearer ${session.accessToken}` };
  const requests: string[] = [];
  const fetchFn: FetchLike = async (input, init) => {
    requests.push(`${init?.method ?? 'GET'} ${new URL(input).pathname.split('/').pop()}`);
    const response = await fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth } });
    if (!response.ok) throw new Error(`${response.status} for ${input}`);
    return response;
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(url + path, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(response.ok).toBe(true);
    return response.json();
  };
  return {
    url,
    requests,
    fetch: fetchFn,
    async write(doc) {
      const [row] = (await post('_bulk_docs', { docs: [doc] })) as { ok?: boolean; rev: string }[];
      expect(row!.ok).toBe(true);
      return row!.rev;
    },
    async read(id) {
      const body = (await post('_all_docs', { keys: [id], include_docs: true })) as { rows: { doc: Record<string, unknown> & { _rev: string } }[] };
      return body.rows[0]!.doc;
    },
  };
}

function job(siteJobId: string, title = 'Platform Engineer'): WithDeleted<Job> {
  return { ...jobFromCapture({ ...acmeCapture, siteJobId, title }, new Date('2026-11-01T10:00:00Z')), _deleted: false };
}

function couchOf(doc: WithDeleted<Job>, rev?: string): Record<string, unknown> {
  const { id, ...rest } = doc;
  return { ...rest, _id: id, ...(rev ? { _rev: rev } : {}) };
}

function handlerFor(db: Database, known = new KnownRevisions(), pulled = new PulledStates()) {
  return couchPushHandler<Job>({
    db: { url: db.url, fetch: db.fetch },
    known,
    pulled,
    upgrade: (doc) => doc,
    isEqual: (a, b) => sameValue(a, b),
  });
}

describe('push handler', () => {
  it('pushes new jobs in one request, without reading them from the server first', async () => {
    const db = await newDatabase();
    const docs = [job('n1'), job('n2'), job('n3')];
    const conflicts = await handlerFor(db)(docs.map((newDocumentState) => ({ newDocumentState })));
    expect(conflicts).toEqual([]);
    expect(db.requests).toEqual(['POST _bulk_docs']);
    for (const doc of docs) expect((await db.read(doc.id)).title).toBe(doc.title);
  });

  it('updates a job the server still holds as the device last saw it, with the server revision', async () => {
    const db = await newDatabase();
    const base = job('u1');
    await db.write(couchOf(base));
    const edited = { ...base, title: 'Staff Engineer' };
    const conflicts = await handlerFor(db)([{ newDocumentState: edited, assumedMasterState: base }]);
    expect(conflicts).toEqual([]);
    expect(db.requests).toEqual(['POST _all_docs', 'POST _bulk_docs']);
    const stored = await db.read(base.id);
    expect(stored.title).toBe('Staff Engineer');
    expect(stored._rev).toMatch(/^2-/);
  });

  it('returns the server version, and writes nothing, when another device changed the job meanwhile', async () => {
    const db = await newDatabase();
    const base = job('c1');
    const rev = await db.write(couchOf(base));
    await db.write(couchOf({ ...base, title: 'Changed elsewhere' }, rev));
    const conflicts = await handlerFor(db)([{ newDocumentState: { ...base, title: 'Mine' }, assumedMasterState: base }]);
    expect(conflicts.map((doc) => doc.title)).toEqual(['Changed elsewhere']);
    expect((await db.read(base.id)).title).toBe('Changed elsewhere');
  });

  it('returns the server version when a job the device thinks is new already exists there', async () => {
    const db = await newDatabase();
    const theirs = job('e1', 'Written by another device');
    await db.write(couchOf(theirs));
    const conflicts = await handlerFor(db)([{ newDocumentState: job('e1', 'Mine') }]);
    expect(conflicts.map((doc) => [doc.id, doc.title])).toEqual([[theirs.id, 'Written by another device']]);
    expect(db.requests).toEqual(['POST _bulk_docs', 'POST _all_docs']);
  });

  it('does not push back a state this device only pulled, and still pushes a real edit beside it', async () => {
    const db = await newDatabase();
    const known = new KnownRevisions();
    const pulled = new PulledStates();
    const v1 = job('echo1');
    const rev1 = await db.write(couchOf(v1));
    const v2 = { ...v1, title: 'Senior Engineer', updatedAt: '2026-11-02T10:00:00.000Z' };
    await db.write(couchOf(v2, rev1));
    const pull = new CouchPull<Job>({ db: { url: db.url, fetch: db.fetch }, batchSize: 10, known, pulled, onError: () => {}, retryTimeMs: 1000, firstPullWaitMs: 1000 });
    await pull.handler(undefined, 10);
    pull.stop();
    // RxDB's late push of the state it pulled, while the server (and the device) moved on.
    const other = job('echo2', 'A new job');
    const conflicts = await handlerFor(db, known, pulled)([{ newDocumentState: v2, assumedMasterState: v2 }, { newDocumentState: other }]);
    expect(conflicts).toEqual([]);
    expect(db.requests.slice(-1)).toEqual(['POST _bulk_docs']);
    expect((await db.read(v1.id))._rev).toMatch(/^2-/);
    expect((await db.read(other.id)).title).toBe('A new job');
  });

  it('returns a deletion made elsewhere with its last body, so it can be merged', async () => {
    const db = await newDatabase();
    const base = job('d1');
    const rev = await db.write(couchOf(base));
    await db.write(couchOf({ ...base, _deleted: true }, rev));
    const conflicts = await handlerFor(db)([{ newDocumentState: { ...base, title: 'Edited' }, assumedMasterState: base }]);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: base.id, _deleted: true, title: base.title });
    expect(db.requests).toContain('POST _bulk_get');
  });
});

describe('pull handler', () => {
  it('leaves out a version older than one the device already pushed, and pages past it', async () => {
    const db = await newDatabase();
    const known = new KnownRevisions();
    const a = job('p1');
    const b = job('p2');
    const revA = await db.write(couchOf(a));
    await db.write(couchOf(b));
    // This device has since pushed a newer version of p1 (generation 2).
    known.see(a.id, `2-${revA.split('-')[1]}`);
    const pull = new CouchPull<Job>({ db: { url: db.url, fetch: db.fetch }, batchSize: 1, known, pulled: new PulledStates(), onError: () => {}, retryTimeMs: 1000, firstPullWaitMs: 1000 });
    const page = await pull.handler(undefined, 1);
    expect(page.documents.map((doc) => doc.id)).toEqual([b.id]);
    // Two server pages were read to fill the one-document batch, and a third
    // read ahead while the batch is stored, which the next call takes instead of asking again.
    const changesRequests = () => db.requests.filter((r) => r.endsWith('_changes'));
    expect(changesRequests()).toHaveLength(3);
    const next = await pull.handler(page.checkpoint, 1);
    expect(next.documents).toEqual([]);
    expect(changesRequests()).toHaveLength(3);
    pull.stop();
  });
});
