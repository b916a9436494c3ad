import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserFileStore } from './store';

let dataDir: string;
const USER = '0b5c1d7e-8f0a-4b1c-9d2e-3f4a5b6c7d8e';
const pdf = (size: number) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};
const details = { contentType: 'application/pdf' as const, fileName: 'cv.pdf' };

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'trackruit-files-'));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('UserFileStore', () => {
  it('keeps files under DATA_DIR/files/<userId>/ with a sidecar, and reads back the same bytes', async () => {
    const store = new UserFileStore(dataDir);
    const bytes = pdf(1000);
    const { info, replaced } = await store.put(USER, 'r1', bytes, details);
    expect(replaced).toBe(false);
    expect(info).toMatchObject({ resumeId: 'r1', size: 1000, contentType: 'application/pdf', fileName: 'cv.pdf' });
    const names = (await fs.readdir(path.join(dataDir, 'files', USER))).sort();
    expect(names).toEqual([expect.stringMatching(/^r1\.[0-9a-f]{16}\.bin$/), 'r1.json']);
    const opened = await store.open(USER, 'r1');
    expect(opened).not.toBeNull();
    const read = await opened!.bytes();
    await opened!.close();
    expect(new Uint8Array(read)).toEqual(bytes);
  });

  it('replaces a file without leaving the old blob or temporaries behind', async () => {
    const store = new UserFileStore(dataDir);
    await store.put(USER, 'r1', pdf(10), details);
    const second = await store.put(USER, 'r1', pdf(20), details);
    expect(second.replaced).toBe(true);
    expect(await fs.readdir(path.join(dataDir, 'files', USER))).toHaveLength(2);
    expect((await store.list(USER)).map((f) => f.size)).toEqual([20]);
  });

  it('enforces the byte quota, counting a replaced file only once', async () => {
    const store = new UserFileStore(dataDir, { maxFiles: 10, maxBytes: 100 });
    await store.put(USER, 'a', pdf(60), details);
    await expect(store.put(USER, 'b', pdf(41), details)).rejects.toMatchObject({ status: 413, code: 'quota_exceeded' });
    await store.put(USER, 'b', pdf(40), details);
    await store.put(USER, 'a', pdf(60), details);
    expect((await store.list(USER)).map((f) => f.resumeId).sort()).toEqual(['a', 'b']);
    expect(await fs.readdir(path.join(dataDir, 'files', USER))).toHaveLength(4);
  });

  it('serialises concurrent uploads so the quota holds', async () => {
    const store = new UserFileStore(dataDir, { maxFiles: 3, maxBytes: 1000 });
    const results = await Promise.allSettled(['a', 'b', 'c', 'd', 'e'].map((id) => store.put(USER, id, pdf(10), details)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(await store.list(USER)).toHaveLength(3);
  });

  it('deletes the sidecar and the blob', async () => {
    const store = new UserFileStore(dataDir);
    await store.put(USER, 'r1', pdf(10), details);
    expect(await store.delete(USER, 'r1')).toBe(true);
    expect(await store.delete(USER, 'r1')).toBe(false);
    expect(await fs.readdir(path.join(dataDir, 'files', USER))).toEqual([]);
    expect(await store.open(USER, 'r1')).toBeNull();
  });

  it('ignores a sidecar that points anywhere but at a blob of its folder', async () => {
    const store = new UserFileStore(dataDir);
    await store.put(USER, 'r1', pdf(10), details);
    const sidecarPath = path.join(dataDir, 'files', USER, 'r1.json');
    const sidecar = JSON.parse(await fs.readFile(sidecarPath, 'utf8')) as { blob: string };
    await fs.writeFile(sidecarPath, JSON.stringify({ ...sidecar, blob: '../../secrets.json' }));
    expect(await store.open(USER, 'r1')).toBeNull();
    expect(await store.list(USER)).toEqual([]);
  });

  it('shares one blob between a resume and its duplicate, counted once, removed with the last one using it', async () => {
    const store = new UserFileStore(dataDir, { maxFiles: 10, maxBytes: 100 });
    const { info } = await store.put(USER, 'a', pdf(60), details);
    expect(await store.share(USER, 'b', 'f'.repeat(64))).toBeNull();
    const shared = await store.share(USER, 'b', info.sha256, { fileName: () => 'copy.pdf' });
    expect(shared).toMatchObject({ replaced: false, info: { resumeId: 'b', size: 60, sha256: info.sha256, fileName: 'copy.pdf' } });
    // Sharing again is a no-op, and the shared bytes count once: 40 more still fit in 100.
    expect((await store.share(USER, 'b', info.sha256))?.replaced).toBe(false);
    await store.put(USER, 'c', pdf(40), details);
    const dir = path.join(dataDir, 'files', USER);
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.bin'))).toHaveLength(2);

    expect(await store.delete(USER, 'a')).toBe(true);
    const opened = await store.open(USER, 'b');
    const read = await opened!.bytes();
    await opened!.close();
    expect(new Uint8Array(read)).toEqual(pdf(60));
    expect(await store.delete(USER, 'b')).toBe(true);
    expect((await fs.readdir(dir)).sort()).toEqual([expect.stringMatching(/^c\.[0-9a-f]{16}\.bin$/), 'c.json']);
  });

  it('keeps a shared blob when the resume that first stored it gets another file', async () => {
    const store = new UserFileStore(dataDir);
    const { info } = await store.put(USER, 'a', pdf(10), details);
    await store.share(USER, 'b', info.sha256);
    await store.put(USER, 'a', pdf(20), details);
    const opened = await store.open(USER, 'b');
    expect(opened?.info.size).toBe(10);
    expect((await opened!.bytes()).byteLength).toBe(10);
    await opened!.close();
    // Each resume's entry is still one of the user's files.
    const limited = new UserFileStore(dataDir, { maxFiles: 2, maxBytes: 1000 });
    await expect(limited.share(USER, 'c', info.sha256)).rejects.toMatchObject({ status: 413, code: 'quota_exceeded' });
  });

  it('refuses user ids that are not one safe path segment', async () => {
    const store = new UserFileStore(dataDir);
    for (const userId of ['..', '../x', 'a/b', '', '.hidden']) {
      await expect(store.list(userId)).rejects.toThrow(/safe path segment/);
    }
  });

  it('removes a user only after their running upload, and a later upload of a deleted account writes nothing', async () => {
    const store = new UserFileStore(dataDir);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let accountExists = true;
    // The upload passed its check before the account went; it is still writing.
    const running = store.put(USER, 'r1', pdf(10), details, { stillAllowed: () => gate });
    const removed = store.removeUser(USER);
    const queued = store.put(USER, 'r2', pdf(10), details, {
      stillAllowed: async () => {
        if (!accountExists) throw new Error('account deleted');
      },
    });
    accountExists = false;
    release();
    await running;
    await removed;
    await expect(queued).rejects.toThrow('account deleted');
    await expect(fs.stat(path.join(dataDir, 'files', USER))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
