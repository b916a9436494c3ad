import 'fake-indexeddb/auto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { resumesSyncUrl, type Resume } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { AccountService } from '../../extension/background/account/account';
import { summarisePending } from '../../extension/background/sync/pending-changes';
import { createAuthFetch } from '../../extension/background/account/auth-fetch';
import { startResumeSync, type ResumeSync } from '../../extension/background/sync/resume-replication';
import { ExtensionStore, type StorageArea } from '../../extension/background/storage';
import { SyncController } from '../../extension/background/sync/controller';
import { memoryTokenStore, syncUrlOnServer, type Tokens } from '../../extension/background/account/tokens';
import { openDatabase, type TrackruitDatabase } from '../../extension/db/database';
import { deleteResume, findResume, insertResume } from '../../extension/db/resumes';
import { resumeFileStore, ResumeFileStore, sha256Hex } from '../../extension/db/resumes-files';
import { pendingText, syncIssueSubject } from '../../extension/ui/sync-text';
import { createVerifiedAccount, readLatestCode } from '../helpers/accounts';
import { storedOriginals } from '../helpers/stored-files';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * Resumes in the sync machinery the jobs already had: refused ones set aside
 * and listed, changes waiting counted, and originals shared on the server by
 * a duplicate instead of uploaded twice.
 */

const until = (assertions: () => Promise<void>) => vi.waitFor(assertions, { timeout: 15_000, interval: 100 });

let server: TestServer;
let counter = 0;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await server?.stop();
});

const pdfBytes = async () => {
  const bytes = new Uint8Array(await readFile(path.resolve('tests/fixtures/resumes/resume1_single_column.pdf')));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
};

async function withOriginal(db: TrackruitDatabase, files: ResumeFileStore, resume: Resume): Promise<Resume> {
  const bytes = await pdfBytes();
  const file = { fileName: 'ada.pdf', contentType: 'application/pdf' as const, size: bytes.byteLength, sha256: await sha256Hex(bytes) };
  await files.put({ resumeId: resume.id, ...file, bytes });
  return insertResume(db.resumes, { ...resume, file });
}

async function serverResumeIds(tokens: Pick<Tokens, 'syncUrl' | 'accessToken'>): Promise<string[]> {
  const response = await fetch(`${resumesSyncUrl(tokens.syncUrl)}_all_docs`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { rows: { id: string }[] }).rows.map((row) => row.id);
}

async function serverFiles(tokens: Pick<Tokens, 'accessToken'>): Promise<{ resumeId: string; sha256: string }[]> {
  const response = await fetch(`${server.url}/api/files/resumes`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { files: { resumeId: string; sha256: string }[] }).files;
}

describe('resumes the server refuses, and changes waiting', () => {
  /** One signed-in device with the background's whole sync (SyncController), and a switch for its network. */
  async function signedInDevice() {
    fakeBrowser.reset();
    const store = new ExtensionStore(fakeBrowser.storage.local as unknown as StorageArea);
    await store.setServerUrl(server.url);
    const db = await openDatabase({ name: `gaps-${(counter += 1)}`, indexedDB: new IDBFactory(), IDBKeyRange, multiInstance: false });
    const network = { up: true };
    const fetchFn = (input: string, init?: RequestInit) => (network.up ? fetch(input, init) : Promise.reject(new TypeError('Failed to fetch')));
    const sync = new SyncController({ store, jobs: async () => db.jobs, retryTime: 200, fetch: fetchFn });
    cleanups.push(async () => {
      await sync.stop();
      await db.close();
    });
    const user = { name: 'Gaps', email: `gaps-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' };
    const account = new AccountService({ store, sync });
    expect((await account.register(user)).ok).toBe(true);
    expect(await account.verifyOtp({ email: user.email, password: user.password, code: await readLatestCode(server.dataDir, user.email) })).toMatchObject({ ok: true });
    await sync.ensureRunning();
    return { store, db, sync, network };
  }

  it('lists a refused resume by name under sync issues, never blocks the next one, and counts resumes and originals as waiting', async () => {
    const { store, db, sync, network } = await signedInDevice();

    network.up = false;
    const brokenId = crypto.randomUUID();
    const broken = testResume({ id: brokenId, name: 'Tailored for Acme', active: false });
    // Written past the page's validation (as by an older version): RxDB itself does not validate.
    await db.resumes.insert({ ...broken, resume: { ...broken.resume, contact: { ...broken.resume.contact, script: 'x' } as Resume['resume']['contact'] } });
    const valid = await withOriginal(db, resumeFileStore(), testResume({ id: crypto.randomUUID(), name: 'Backend 2026' }));

    await until(async () => {
      expect(await store.syncIssues()).toEqual([
        expect.objectContaining({ id: brokenId, kind: 'resume', name: 'Tailored for Acme', issues: [{ path: '(document)', message: 'has fields a resume does not have' }] }),
      ]);
      const waiting = await store.pendingChanges();
      expect([...waiting].sort()).toEqual([`resume-file:${valid.id}`, `resume:${valid.id}`]);
      expect(pendingText(summarisePending(waiting))).toBe('1 change and 1 file waiting');
    });

    network.up = true;
    await sync.reSync();
    const tokens = (await store.get())!;
    await until(async () => {
      expect(await store.pendingChanges()).toEqual([]);
      expect(await serverResumeIds(tokens)).toEqual([valid.id]);
      expect(await serverFiles(tokens)).toEqual([expect.objectContaining({ resumeId: valid.id, sha256: valid.file.sha256 })]);
    });
    expect(await store.syncIssues()).toHaveLength(1);

    // Fixed by an edit, it goes up, and the issue clears.
    await db.resumes.findOne(brokenId).exec().then((doc) => doc!.incrementalModify((data) => ({ ...data, resume: structuredClone(broken.resume), updatedAt: new Date().toISOString() })));
    await until(async () => {
      expect((await serverResumeIds(tokens)).sort()).toEqual([brokenId, valid.id].sort());
      expect(await store.syncIssues()).toEqual([]);
    });
  });

  it('lists an original file the server refuses under the name of its resume, and clears it once the server holds the file', async () => {
    const { store, db, sync } = await signedInDevice();
    const files = resumeFileStore();
    const id = crypto.randomUUID();
    // Said to be a PDF, but its bytes are not: the file route reads the type from the bytes and refuses it.
    const fake = new TextEncoder().encode('not a PDF at all, only words').buffer;
    await files.put({ resumeId: id, fileName: 'cv.pdf', contentType: 'application/pdf', size: fake.byteLength, sha256: await sha256Hex(fake), bytes: fake });
    await insertResume(db.resumes, testResume({ id, name: 'Design 2026' }));

    await until(async () => {
      expect(await store.syncIssues()).toEqual([expect.objectContaining({ id, kind: 'resume-file', name: 'Design 2026', issues: [{ path: '(document)', message: expect.any(String) }] })]);
      expect(await store.pendingChanges()).toEqual([`resume-file:${id}`]);
    });
    expect(syncIssueSubject((await store.syncIssues())[0]!)).toEqual({ label: 'Original file of “Design 2026”' });

    // The person puts the real file back: it goes up at the next pass and the issue clears.
    const real = await pdfBytes();
    await files.put({ resumeId: id, fileName: 'cv.pdf', contentType: 'application/pdf', size: real.byteLength, sha256: await sha256Hex(real), bytes: real });
    await sync.reSync();
    await until(async () => {
      expect(await store.syncIssues()).toEqual([]);
      expect(await store.pendingChanges()).toEqual([]);
    });
  });
});

describe('a duplicated resume on the server', () => {
  async function account() {
    counter += 1;
    const session = await createVerifiedAccount(server, { name: `Dup ${counter}`, email: `dup-${counter}-${Date.now()}@example.com`, password: 'correct horse battery staple' });
    const tokens: Tokens = { serverUrl: server.url, syncUrl: syncUrlOnServer(server.url, session.syncUrl), accessToken: session.accessToken, refreshToken: session.refreshToken };
    return { tokens, userId: session.user.id };
  }

  async function device(name: string, tokens: Tokens) {
    const factory = new IDBFactory();
    const db = await openDatabase({ name: `${name}-${(counter += 1)}`, indexedDB: factory, IDBKeyRange, multiInstance: false });
    const files = new ResumeFileStore(factory);
    const uploads: string[] = [];
    const authFetch = createAuthFetch({ store: memoryTokenStore(tokens) });
    const sync: ResumeSync = startResumeSync({
      jobs: db.jobs,
      syncUrl: tokens.syncUrl,
      serverUrl: tokens.serverUrl,
      // Watches the real requests: an upload is a PUT of the file route.
      fetch: (input, init) => {
        if (init?.method === 'PUT' && input.includes('/api/files/resumes/')) uploads.push(input);
        return authFetch(input, init);
      },
      files,
      retryTime: 300,
      orphanGraceMs: 0,
      log: () => {},
    })!;
    cleanups.push(async () => {
      await sync.stop();
      await db.close();
    });
    return { db, files, sync, uploads };
  }

  // On the server's disk or in CouchDB, whichever it uses.
  const blobsOf = async (userId: string) => (await storedOriginals(server, userId)).blobs;

  /** What the Resumes page's Duplicate writes (extension/dashboard/resumes/resume-writes.ts). */
  async function duplicate(dev: { db: TrackruitDatabase; files: ResumeFileStore }, source: Resume): Promise<Resume> {
    const id = crypto.randomUUID();
    const original = await dev.files.get(source.id);
    if (original) await dev.files.put({ ...original, resumeId: id });
    const { fieldTimes: _times, ...rest } = source;
    return insertResume(dev.db.resumes, { ...rest, id, name: `${source.name} (copy)`, active: false });
  }

  it('shares the original instead of uploading it again, and deleting either resume keeps the other’s file', async () => {
    const { tokens, userId } = await account();
    const a = await device('a', tokens);
    const source = await withOriginal(a.db, a.files, testResume({ id: crypto.randomUUID() }));
    await until(async () => expect(await serverFiles(tokens)).toHaveLength(1));
    const copy = await duplicate(a, source);
    await until(async () => expect((await serverFiles(tokens)).map((file) => file.resumeId).sort()).toEqual([copy.id, source.id].sort()));
    expect(a.uploads).toHaveLength(1);
    expect(await blobsOf(userId)).toHaveLength(1);

    // The source goes; the copy's original stays on the server, byte for byte, for another device.
    await deleteResume(a.db.resumes, source.id);
    await until(async () => {
      a.sync.reSync();
      await a.sync.files.sweep();
      expect((await serverFiles(tokens)).map((file) => file.resumeId)).toEqual([copy.id]);
    });
    expect(await blobsOf(userId)).toHaveLength(1);
    const b = await device('b', tokens);
    await until(async () => expect(await findResume(b.db.resumes, copy.id)).toBeDefined());
    await b.files.want(copy.id);
    b.sync.reSync();
    await until(async () => expect(new Uint8Array((await b.files.get(copy.id))?.bytes ?? new ArrayBuffer(0))).toEqual(new Uint8Array(await pdfBytes())));

    // The last resume using it goes: so does the stored file.
    await deleteResume(a.db.resumes, copy.id);
    await until(async () => {
      a.sync.reSync();
      await a.sync.files.sweep();
      expect(await serverFiles(tokens)).toEqual([]);
    });
    expect(await blobsOf(userId)).toEqual([]);
  });

  it('gives a copy made on a device that never had the bytes the server’s original', async () => {
    const { tokens } = await account();
    const a = await device('a', tokens);
    const source = await withOriginal(a.db, a.files, testResume({ id: crypto.randomUUID() }));
    await until(async () => expect(await serverFiles(tokens)).toHaveLength(1));
    const b = await device('b', tokens);
    await until(async () => expect(await findResume(b.db.resumes, source.id)).toBeDefined());
    expect(await b.files.get(source.id)).toBeUndefined();

    const copy = await duplicate(b, (await findResume(b.db.resumes, source.id))!);
    await until(async () => {
      b.sync.reSync();
      expect((await serverFiles(tokens)).map((file) => file.resumeId).sort()).toEqual([copy.id, source.id].sort());
    });
    expect(a.uploads).toHaveLength(1);
    expect(b.uploads).toEqual([]);
  });
});
