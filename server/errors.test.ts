import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';
import { describe, expect, it, vi } from 'vitest';
import { asyncRoute, HttpError } from './errors';

const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

describe('asyncRoute', () => {
  it('hands a rejection to next, after onError saw it', async () => {
    const error = new HttpError(401, 'invalid_credentials', 'no');
    const seen: unknown[] = [];
    const next = vi.fn<(error?: unknown) => void>();
    const res = {} as Response;
    asyncRoute(() => Promise.reject(error), (e, r) => seen.push(e, r))({} as Request, res, next);
    await vi.waitFor(() => expect(next).toHaveBeenCalledWith(error));
    expect(seen).toEqual([error, res]);
  });

  it('calls nothing when the route resolves', async () => {
    const next = vi.fn<(error?: unknown) => void>();
    asyncRoute(async () => undefined)({} as Request, {} as Response, next);
    await new Promise((resolve) => setImmediate(resolve));
    expect(next).not.toHaveBeenCalled();
  });
});

describe('written once', () => {
  const files = ['server', 'shared', 'extension'].flatMap(sourceFiles);

  it('the async route wrapper lives only in server/errors.ts', () => {
    const copies = files.filter((file) => /fn\(req, res\)\.catch\(/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(copies).toEqual([path.join('server', 'errors.ts')]);
  });

  it('the 10 MB resume file limit is written only in shared/resume/doc/resume-doc.ts', () => {
    const copies = files.filter((file) => /10 \* 1024 \* 1024|10_485_760|10485760/.test(fs.readFileSync(path.join(root, file), 'utf8')));
    expect(copies).toEqual([path.join('shared', 'resume', 'doc', 'resume-doc.ts')]);
  });
});
