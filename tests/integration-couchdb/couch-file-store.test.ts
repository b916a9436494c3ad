import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouchFileStore } from '../../server/files/couch-store';
import { blobPrefix, manifestId } from '../../server/files/manifest';
import { createCouchClient, type CouchClient } from '../../server/storage/couch/client';
import { readCouchConfig } from '../../server/storage/couch/config';
import { createCouchDatabases, type CouchDatabases } from '../../server/storage/couch/databases';
import { testCouchUrl } from '../helpers/couch-mode';

/**
 * The CouchDB file store as two server instances use it: two stores, each
 * with its own HTTP client (its own process, in production), on the same
 * CouchDB. Only the database is shared, so whatever holds here holds across
 * instances.
 */

const PREFIX = `tfiles${crypto.randomBytes(4).toString('hex')}_`;
const details = { contentType: 'application/pdf' as const, fileName: 'cv.pdf' };
let counter = 0;
const newUser = () => `user-${(counter += 1)}-${crypto.randomBytes(4).toString('hex')}`;

function pdf(size: number, fill = 0): Uint8Array {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
}

interface Instance {
  client: CouchClient;
  databases: CouchDatabases;
}
const instances: Instance[] = [];

function instance(): Instance {
  const config = readCouchConfig((name) => ({ COUCHDB_URL: testCouchUrl(), COUCHDB_DB_PREFIX: PREFIX })[name], []);
  if (!config) throw new Error('TRACKRUIT_TEST_COUCHDB_URL is not a usable COUCHDB_URL');
  const client = createCouchClient(config);
  const made = { client, databases: createCouchDatabases(client) };
  instances.push(made);
  return made;
}

/** Live documents of the files database whose id starts with `prefix`, read straight from CouchDB. */
async function documents(prefix: string): Promise<string[]> {
  const { client, databases } = instances[0]!;
  const range = `start_key=${encodeURIComponent(JSON.stringify(prefix))}&end_key=${encodeURIComponent(JSON.stringify(`${prefix}\ufff0`))}`;
  const answer = await client.json<{ rows: { id: string }[] }>({ method: 'GET', path: `/${databases.remoteName('files')}/_all_docs?${range}` });
  expect(answer.status).toBe(200);
  return answer.body.rows.map((row) => row.id);
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk as Uint8Array);
  return new Uint8Array(Buffer.concat(chunks));
}

let one: CouchFileStore;
let two: CouchFileStore;

beforeAll(() => {
  expect(testCouchUrl(), 'the integration-couchdb project sets TRACKRUIT_TEST_COUCHDB_URL').toBeTruthy();
  one = new CouchFileStore(instance(), { quota: { maxFiles: 3, maxBytes: 1000 } });
  two = new CouchFileStore(instance(), { quota: { maxFiles: 3, maxBytes: 1000 } });
});

afterAll(async () => {
  const { databases } = instances[0]!;
  await databases.destroy('files');
  for (const made of instances) made.client.close();
});

describe('resume originals in CouchDB', () => {
  it('keeps the bytes as an attachment of a blob document that a manifest names', async () => {
    const user = newUser();
    const bytes = pdf(700, 7);
    const { info } = await one.put(user, 'r1', bytes, details);
    expect(await documents(manifestId(user))).toEqual([manifestId(user)]);
    const blobs = await documents(blobPrefix(user));
    expect(blobs).toHaveLength(1);
    const { client, databases } = instances[0]!;
    const raw = await client.request({ method: 'GET', path: `/${databases.remoteName('files')}/${encodeURIComponent(blobs[0]!)}/file` });
    expect(raw.statusCode).toBe(200);
    expect(await readAll(raw)).toEqual(bytes);
    // The other instance sees it at once.
    expect(await two.list(user)).toEqual([info]);
    const opened = await two.open(user, 'r1');
    expect(await opened!.bytes()).toEqual(bytes);
    await opened!.close();
  });

  it('two instances uploading at once cannot pass the file count together', async () => {
    const user = newUser();
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((id, i) => (i % 2 === 0 ? one : two).put(user, id, pdf(50, i), details)),
    );
    const stored = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as { status?: number; code?: string }] : []));
    expect(stored).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const reason of refused) expect(reason).toMatchObject({ status: 413, code: 'quota_exceeded' });
    expect(await one.list(user)).toHaveLength(3);
    // The refused uploads' blobs, written before their commit failed, are gone again.
    expect(await documents(blobPrefix(user))).toHaveLength(3);
  });

  it('two instances uploading at once cannot pass the byte quota together', async () => {
    const user = newUser();
    const outcomes = await Promise.allSettled([one.put(user, 'x', pdf(600, 1), details), two.put(user, 'y', pdf(600, 2), details)]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { status: 413, code: 'quota_exceeded' } });
    expect(await documents(blobPrefix(user))).toHaveLength(1);
  });

  it('a read that began before a replace returns the old bytes whole; the next read the new ones', async () => {
    const user = newUser();
    const before = pdf(900, 3);
    const after = pdf(800, 4);
    await one.put(user, 'r1', before, details);
    const opened = await one.open(user, 'r1');
    expect(opened).not.toBeNull();
    // Replaced from the other instance, which also removes the old blob, before a byte is read here.
    expect(await two.put(user, 'r1', after, details)).toMatchObject({ replaced: true });
    expect(await documents(blobPrefix(user))).toHaveLength(1);
    expect(await readAll(opened!.stream())).toEqual(before);
    await opened!.close();
    const reopened = await one.open(user, 'r1');
    expect(await reopened!.bytes()).toEqual(after);
    await reopened!.close();
  });

  it('a duplicate shares one blob, counted once, until neither resume names it', async () => {
    const user = newUser();
    const bytes = pdf(600, 5);
    const { info } = await one.put(user, 'source', bytes, details);
    // 600 + 600 would pass 1000 bytes; a shared blob counts once.
    const shared = await two.share(user, 'copy', info.sha256, { fileName: () => 'copy.pdf' });
    expect(shared).toMatchObject({ replaced: false, info: { resumeId: 'copy', sha256: info.sha256, fileName: 'copy.pdf' } });
    expect(await one.share(user, 'copy', info.sha256)).toMatchObject({ replaced: false, info: { resumeId: 'copy' } });
    expect(await one.share(user, 'other', 'f'.repeat(64))).toBeNull();
    expect(await documents(blobPrefix(user))).toHaveLength(1);
    expect(await one.delete(user, 'source')).toBe(true);
    expect(await documents(blobPrefix(user))).toHaveLength(1);
    expect(await (await two.open(user, 'copy'))!.bytes()).toEqual(bytes);
    expect(await two.delete(user, 'copy')).toBe(true);
    expect(await two.delete(user, 'copy')).toBe(false);
    // No file left: no manifest, no blob.
    expect(await documents(manifestId(user))).toEqual([]);
    expect(await documents(blobPrefix(user))).toEqual([]);
  });

  it('removing a user leaves no document of theirs, an unnamed blob included, and nobody else’s goes', async () => {
    const user = newUser();
    const neighbour = newUser();
    await one.put(user, 'r1', pdf(100), details);
    await two.put(user, 'r2', pdf(100, 9), details);
    await one.put(neighbour, 'r1', pdf(100), details);
    // A blob whose commit never came (a crash between the two writes).
    const { client, databases } = instances[0]!;
    const orphan = `${blobPrefix(user)}${'0'.repeat(32)}`;
    const written = await client.json({ method: 'PUT', path: `/${databases.remoteName('files')}/${encodeURIComponent(orphan)}/file`, body: pdf(10), headers: { 'content-type': 'application/pdf' } });
    expect(written.status).toBe(201);
    expect(await documents(blobPrefix(user))).toHaveLength(3);

    await two.removeUser(user);
    expect(await documents(manifestId(user))).toEqual([]);
    expect(await documents(blobPrefix(user))).toEqual([]);
    expect(await one.list(user)).toEqual([]);
    expect(await one.list(neighbour)).toHaveLength(1);
    expect(await documents(blobPrefix(neighbour))).toHaveLength(1);
  });

  it('an account deleted while an upload was committing loses that upload too', async () => {
    const user = newUser();
    let deleted = false;
    const stillAllowed = async () => {
      if (deleted) throw Object.assign(new Error('gone'), { status: 401 });
      // The other instance deletes the account just after this check passed, before the commit lands.
      deleted = true;
      await two.removeUser(user);
    };
    await expect(one.put(user, 'late', pdf(100), details, { stillAllowed })).rejects.toThrow('gone');
    expect(await documents(manifestId(user))).toEqual([]);
    expect(await documents(blobPrefix(user))).toEqual([]);
  });
});
