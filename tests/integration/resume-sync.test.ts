import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { resumeToCouchDoc, resumesSyncUrl, stampResumeFieldTimes, type Resume } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { jobFromCapture } from '../../shared/jobs/capture';
import { jobToCouchDoc } from '../../shared/schema';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { startResumeSync, wipeLocalResumes, type ResumeSync } from '../../extension/background/sync/resume-replication';
import { ExtensionStore, type StorageArea } from '../../extension/background/storage';
import { SyncController } from '../../extension/background/sync/controller';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { findResume, insertResume, updateResume, deleteResume } from '../../extension/db/resumes';
import { ResumeFileStore, sha256Hex } from '../../extension/db/resumes-files';
import { createVerifiedAccount } from '../helpers/accounts';
import { startTestServer, type TestServer } from '../helpers/test-server';
import { acmeCapture } from '../fixtures/jobs';

/** Retries the assertions until they hold (replication is asynchronous). */
const until = (assertions: () => Promise<void>) => vi.waitFor(assertions, { timeout: 15_000, interval: 100 });

let server: TestServer;
let counter = 0;
const open: { db: TrackruitDatabase; sync: ResumeSync }[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  for (const device of open.splice(0)) {
    await device.sync.stop();
    await device.db.close();
  }
});

afterAll(async () => {
  await server?.stop();
});

async function account(): Promise<Tokens> {
  counter += 1;
  const session = await createVerifiedAccount(server, { name: `Resume Tester ${counter}`, email: `resumes-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
  return { serverUrl: server.url, syncUrl: syncUrlOnServer(server.url, session.syncUrl), accessToken: session.accessToken, refreshToken: session.refreshToken };
}

interface Device {
  db: TrackruitDatabase;
  files: ResumeFileStore;
  sync: ResumeSync;
}

/** One browser profile: its own IndexedDB for the database and for the original files. */
async function device(name: string, tokens: Tokens, orphanGraceMs?: number): Promise<Device> {
  const factory = new IDBFactory();
  const db = await openDatabase({ name: `${name}-${counter}`, indexedDB: factory, IDBKeyRange, multiInstance: false });
  const files = new ResumeFileStore(factory);
  const sync = startResumeSync({
    jobs: db.jobs,
    syncUrl: tokens.syncUrl,
    serverUrl: tokens.serverUrl,
    fetch: createAuthFetch({ store: memoryTokenStore(tokens) }),
    files,
    retryTime: 300,
    log: () => {},
    ...(orphanGraceMs === undefined ? {} : { orphanGraceMs }),
  })!;
  open.push({ db, sync });
  return { db, files, sync };
}

/** browser.storage.local, in memory. */
function memoryArea(): StorageArea {
  const items = new Map<string, unknown>();
  return {
    get: async (keys) => Object.fromEntries((Array.isArray(keys) ? keys : [keys]).filter((key) => items.has(key)).map((key) => [key, items.get(key)])),
    set: async (values) => {
      for (const [key, value] of Object.entries(values)) items.set(key, value);
    },
    remove: async (keys) => {
      for (const key of Array.isArray(keys) ? keys : [keys]) items.delete(key);
    },
  };
}

async function bulkDocs(url: string, token: string, docs: unknown[]): Promise<Response> {
  return fetch(`${url}_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ docs }) });
}

async function serverFiles(tokens: Tokens): Promise<{ resumeId: string; sha256: string }[]> {
  const response = await fetch(`${server.url}/api/files/resumes`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { files: { resumeId: string; sha256: string }[] }).files;
}

async function withOriginal(dev: Device, resume: Resume): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(path.resolve('tests/fixtures/resumes/resume1_single_column.pdf')));
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const sha256 = await sha256Hex(buffer);
  await dev.files.put({ resumeId: resume.id, fileName: 'ada.pdf', contentType: 'application/pdf', size: bytes.byteLength, sha256, bytes: buffer });
  await insertResume(dev.db.resumes, { ...resume, file: { fileName: 'ada.pdf', contentType: 'application/pdf', size: bytes.byteLength, sha256 } });
  return bytes;
}

describe('resume sync', () => {
  it('brings a resume and its original to another device, in a database of its own', async () => {
    const tokens = await account();
    const a = await device('a', tokens);
    const b = await device('b', tokens);
    const resume = testResume({ id: crypto.randomUUID() });
    const bytes = await withOriginal(a, resume);

    await until(async () => expect((await findResume(b.db.resumes, resume.id))?.resume).toEqual(resume.resume));
    await until(async () => expect(await serverFiles(tokens)).toEqual([expect.objectContaining({ resumeId: resume.id, sha256: (await findResume(a.db.resumes, resume.id))!.file.sha256 })]));

    // The jobs database never sees resumes.
    const jobs = await fetch(`${tokens.syncUrl}_all_docs`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.accessToken}` }, body: JSON.stringify({ keys: [resume.id] }) });
    expect(((await jobs.json()) as { rows: { error?: string }[] }).rows[0]?.error).toBe('not_found');

    // B asks for the original (the page's "Download original"); the background fetches it.
    expect(await b.files.get(resume.id)).toBeUndefined();
    await b.files.want(resume.id);
    b.sync.reSync();
    await until(async () => expect(new Uint8Array((await b.files.get(resume.id))?.bytes ?? new ArrayBuffer(0))).toEqual(bytes));
    expect(await b.files.wanted()).toEqual([]);
  });

  it('keeps both devices’ edits of different sections made while apart', async () => {
    const tokens = await account();
    const a = await device('a', tokens);
    const resume = testResume({ id: crypto.randomUUID() });
    await withOriginal(a, resume);
    const b = await device('b', tokens);
    await until(async () => expect(await findResume(b.db.resumes, resume.id)).toBeDefined());
    await a.sync.replication.awaitInSync();
    await b.sync.stop();
    open.splice(open.findIndex((entry) => entry.sync === b.sync), 1);

    await updateResume(b.db.resumes, resume.id, (current) => ({ ...current, resume: { ...current.resume, skills: [...current.resume.skills, 'Rust'] } }));
    await updateResume(a.db.resumes, resume.id, (current) => ({ ...current, name: 'Platform resume', resume: { ...current.resume, summary: 'Builds sync engines.' } }));
    await a.sync.replication.awaitInSync();

    // B comes back online: its push conflicts and merges section by section.
    const again = startResumeSync({ jobs: b.db.jobs, syncUrl: tokens.syncUrl, serverUrl: tokens.serverUrl, fetch: createAuthFetch({ store: memoryTokenStore(tokens) }), files: b.files, retryTime: 300, log: () => {} })!;
    open.push({ db: b.db, sync: again });
    for (const db of [a.db, b.db]) {
      await until(async () =>
        expect(await findResume(db.resumes, resume.id)).toMatchObject({
          name: 'Platform resume',
          resume: { summary: 'Builds sync engines.', skills: ['JavaScript', 'PostgreSQL', 'Rust'] },
        }),
      );
    }
  });

  it('removes a deleted resume everywhere, and its original from the server once the undo window is over', async () => {
    const tokens = await account();
    const a = await device('a', tokens, 0);
    const b = await device('b', tokens);
    const resume = testResume({ id: crypto.randomUUID() });
    await withOriginal(a, resume);
    await until(async () => expect(await serverFiles(tokens)).toHaveLength(1));
    await until(async () => expect(await findResume(b.db.resumes, resume.id)).toBeDefined());

    await deleteResume(a.db.resumes, resume.id);
    await until(async () => expect(await findResume(b.db.resumes, resume.id)).toBeUndefined());
    // First pass marks the original orphaned, the next removes it.
    await until(async () => {
      a.sync.reSync();
      await a.sync.files.sweep();
      expect(await serverFiles(tokens)).toEqual([]);
      expect(await a.files.get(resume.id)).toBeUndefined();
    });
  });

  it('wipes every resume and original from a device when its account’s data leaves it', async () => {
    const tokens = await account();
    const a = await device('a', tokens);
    const resume = testResume({ id: crypto.randomUUID() });
    await withOriginal(a, resume);
    await a.files.want('another');
    await a.sync.stop();
    open.splice(open.findIndex((entry) => entry.sync === a.sync), 1);
    // A device holding only resumes still counts as holding this account's data (sign-in as another asks first).
    const controller = new SyncController({ store: new ExtensionStore(memoryArea()), jobs: async () => a.db.jobs });
    expect(await controller.localJobCount()).toBe(1);
    await wipeLocalResumes(a.db.jobs, a.files);
    expect(await controller.localJobCount()).toBe(0);
    expect(await a.db.resumes.count().exec()).toBe(0);
    expect(await a.files.list()).toEqual([]);
    expect(await a.files.wanted()).toEqual([]);
    await a.db.close();
  });

  it('opens the resumes database to its owner only, and only to valid resumes', async () => {
    const owner = await account();
    const other = await account();
    const url = resumesSyncUrl(owner.syncUrl);
    const doc = resumeToCouchDoc(stampResumeFieldTimes(undefined, testResume({ id: crypto.randomUUID() })));

    expect((await bulkDocs(url, owner.accessToken, [doc])).status).toBe(201);
    expect((await bulkDocs(url, other.accessToken, [doc])).status).toBe(403);
    const read = await fetch(`${url}_changes?include_docs=true`, { headers: { authorization: `Bearer ${other.accessToken}` } });
    expect(read.status).toBe(403);

    const invalid = await bulkDocs(url, owner.accessToken, [{ ...doc, _id: crypto.randomUUID(), resume: { ...doc.resume, contact: { links: [], script: '<x>' } } }]);
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'invalid_document' } });
    const job = jobToCouchDoc(jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z')));
    expect((await bulkDocs(url, owner.accessToken, [job])).status).toBe(400);
    // And the jobs database takes no resume.
    expect((await bulkDocs(owner.syncUrl, owner.accessToken, [doc])).status).toBe(400);
    // Nor a resume over the size limit.
    const huge = { ...doc, _id: crypto.randomUUID(), resume: { ...doc.resume, summary: 'x'.repeat(1024 * 1024) } };
    expect((await bulkDocs(url, owner.accessToken, [huge])).status).toBe(400);
  });
});
