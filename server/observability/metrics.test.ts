import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { serializeError } from './logger';
import { syncOperation } from './metrics';
import { RouteLabels } from './route-label';

const request = (originalUrl: string, routePath?: string) =>
  ({ originalUrl, url: originalUrl, ...(routePath === undefined ? {} : { route: { path: routePath } }) }) as unknown as IncomingMessage;

describe('syncOperation', () => {
  it('names the CouchDB operation of a path below /db, never the database or document id', () => {
    expect(syncOperation('/userdb-1a2b/_changes?feed=longpoll&since=12')).toBe('_changes');
    expect(syncOperation('/userdb-1a2b/_bulk_docs')).toBe('_bulk_docs');
    expect(syncOperation('/userdb-1a2b/_local/checkpoint-x')).toBe('_local');
    expect(syncOperation('/userdb-1a2b/manual:123')).toBe('doc');
    expect(syncOperation('/userdb-1a2b/_design/x')).toBe('doc');
    expect(syncOperation('/userdb-1a2b/')).toBe('database');
    expect(syncOperation('/_session')).toBe('_session');
    expect(syncOperation('/')).toBe('root');
  });
});

describe('RouteLabels', () => {
  it('joins the mount point to the matched pattern', () => {
    const labels = new RouteLabels();
    expect(labels.label(request('/api/jobs/abc?x=1', '/:id'), 200)).toBe('/api/jobs/:id');
    expect(labels.label(request('/db/userdb-1/_changes', '/:db/_changes'), 200)).toBe('/db/:db/_changes');
    expect(labels.label(request('/health', '/health'), 200)).toBe('/health');
  });

  it('labels an answer given before any route by a mount point already seen, and nothing a client invents', () => {
    const labels = new RouteLabels();
    expect(labels.label(request('/api/jobs/abc'), 401)).toBe('unmatched');
    labels.label(request('/api/jobs/abc', '/:id'), 200);
    expect(labels.label(request('/api/jobs/other'), 401)).toBe('/api/jobs/*');
    expect(labels.label(request('/api/made-up-1234/x'), 401)).toBe('unmatched');
    expect(labels.label(request('/api/jobs/abc'), 404)).toBe('unmatched');
  });
});

describe('serializeError', () => {
  it('keeps the kind, message, code and stack, and drops what libraries attach (a raw request body)', () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), { code: 'E_PARSE', body: '{"password":"hunter2-secret"}', type: 'entity.parse.failed' });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ type: 'SyntaxError', message: 'Unexpected token', code: 'E_PARSE' });
    expect(JSON.stringify(serialized)).not.toContain('hunter2-secret');
    expect(serializeError('x'.repeat(2_000))).toEqual({ detail: 'x'.repeat(500) });
  });
});
