import { describe, expect, it } from 'vitest';
import { fromCouchDoc, isRevision, toCouchDoc } from './couch-doc';

describe('CouchDB documents and replication documents', () => {
  it('swaps id and _id, drops the revision and always sets _deleted', () => {
    expect(fromCouchDoc({ _id: 'j1', _rev: '3-abc', title: 'T' })).toEqual({ id: 'j1', title: 'T', _deleted: false });
    expect(fromCouchDoc({ _id: 'j1', _rev: '4-abd', _deleted: true, title: 'T' })).toEqual({ id: 'j1', title: 'T', _deleted: true });
  });

  it('names the revision being replaced only when there is one', () => {
    expect(toCouchDoc({ id: 'j1', title: 'T', _deleted: false }, undefined)).toEqual({ _id: 'j1', title: 'T', _deleted: false });
    expect(toCouchDoc({ id: 'j1', title: 'T', _deleted: false }, '2-ff')).toEqual({ _id: 'j1', _rev: '2-ff', title: 'T', _deleted: false });
  });

  it('tells real revisions from placeholders', () => {
    expect(isRevision('10-0a1b')).toBe(true);
    expect(isRevision('set-aside')).toBe(false);
    expect(isRevision('pulled')).toBe(false);
    expect(isRevision(undefined)).toBe(false);
  });
});
