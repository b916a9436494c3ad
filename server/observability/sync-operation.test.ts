import { describe, expect, it } from 'vitest';
import { syncRoute } from './sync-operation';

describe('syncRoute', () => {
  it('names a replication path by its operation, never by the database or the document', () => {
    expect(syncRoute('/userdb-1a2b/_changes')).toBe('/db/:db/_changes');
    expect(syncRoute('/userdb-1a2b/_bulk_docs')).toBe('/db/:db/_bulk_docs');
    expect(syncRoute('/userdb-1a2b/_local/checkpoint-x')).toBe('/db/:db/_local/:docid');
    expect(syncRoute('/userdb-1a2b/manual:123')).toBe('/db/:db/:docid');
    expect(syncRoute('/userdb-1a2b/')).toBe('/db/:db');
    expect(syncRoute('/_session')).toBe('/db/_session');
    expect(syncRoute('')).toBe('/db');
  });
});
