import { describe, expect, it } from 'vitest';
import { blobPrefix, blobUnused, type ManifestEntry, type ManifestFiles, manifestId, readManifestFiles, withEntry, withShared, without } from './manifest';

const USER = '0b5c1d7e-8f0a-4b1c-9d2e-3f4a5b6c7d8e';
const QUOTA = { maxFiles: 3, maxBytes: 1000 };
const blob = (n: number) => `${blobPrefix(USER)}${String(n).padStart(32, '0')}`;

function entry(resumeId: string, size: number, n: number, sha = String(n).repeat(64).slice(0, 64)): ManifestEntry {
  return { resumeId, size, contentType: 'application/pdf', sha256: sha, uploadedAt: `2026-01-0${n}T00:00:00.000Z`, fileName: `${resumeId}.pdf`, blob: blob(n) };
}
const files = (...entries: ManifestEntry[]): ManifestFiles => Object.fromEntries(entries.map((e) => [e.resumeId, e]));

describe('file manifest', () => {
  it('names documents from the user id only when it is one safe segment', () => {
    expect(manifestId(USER)).toBe(`manifest:${USER}`);
    expect(() => manifestId('a:b')).toThrow();
    expect(() => blobPrefix('../x')).toThrow();
  });

  it('reads back what it stores and ignores entries naming another user’s blob or a bad id', () => {
    const stored = { _id: manifestId(USER), files: {
      r1: { ...entry('r1', 10, 1), resumeId: undefined },
      'bad id': { ...entry('x', 10, 2) },
      r3: { ...entry('r3', 10, 3), blob: `${blobPrefix('someone-else')}${'0'.repeat(32)}` },
      r4: { ...entry('r4', 10, 4), contentType: 'text/html' },
    } };
    expect(readManifestFiles(USER, stored)).toEqual({ r1: entry('r1', 10, 1) });
    expect(readManifestFiles(USER, null)).toEqual({});
  });

  it('replaces an entry, counting the replaced bytes out, and refuses past the file count or bytes', () => {
    const current = files(entry('a', 400, 1), entry('b', 400, 2));
    const replaced = withEntry(current, entry('a', 550, 3), QUOTA);
    expect(replaced.previous).toEqual(entry('a', 400, 1));
    expect(Object.keys(replaced.files).sort()).toEqual(['a', 'b']);
    expect(() => withEntry(current, entry('c', 201, 4), QUOTA)).toThrow(expect.objectContaining({ status: 413, code: 'quota_exceeded' }));
    const full = files(entry('a', 1, 1), entry('b', 1, 2), entry('c', 1, 3));
    expect(() => withEntry(full, entry('d', 1, 4), QUOTA)).toThrow(expect.objectContaining({ status: 413 }));
    expect(withEntry(full, entry('c', 1, 5), QUOTA).files.c?.blob).toBe(blob(5));
  });

  it('shares a blob by hash, counted once, and says when there is nothing to share', () => {
    const source = entry('a', 600, 1);
    const shared = withShared(files(source), 'copy', source.sha256, { uploadedAt: 'now', fileName: () => 'copy.pdf' }, QUOTA);
    expect(shared).toMatchObject({ entry: { resumeId: 'copy', blob: source.blob, fileName: 'copy.pdf', uploadedAt: 'now' }, previous: undefined });
    expect(withShared(files(source), 'a', source.sha256, { uploadedAt: 'now' }, QUOTA)).toBe('unchanged');
    expect(withShared(files(source), 'copy', 'f'.repeat(64), { uploadedAt: 'now' }, QUOTA)).toBeNull();
  });

  it('lets a blob go only when nothing names it', () => {
    const source = entry('a', 10, 1);
    const both = files(source, { ...source, resumeId: 'copy' });
    const { files: left, removed } = without(both, 'a');
    expect(removed).toEqual(source);
    expect(blobUnused(left, source.blob)).toBe(false);
    expect(blobUnused(without(left, 'copy').files, source.blob)).toBe(true);
  });
});
