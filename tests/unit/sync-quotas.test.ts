import { describe, expect, it } from 'vitest';
import { admitWrites } from '../../server/sync/admit-writes';
import { parseSince } from '../../server/sync/handlers';
import { LongpollCounter } from '../../server/sync/longpolls';

const limits = { maxDocuments: 3, maxStoredBytes: 1000 };

describe('admitWrites', () => {
  it('lets new documents in up to the document quota, refusing the rest row by row', () => {
    const result = admitWrites([{ _id: 'a' }, { _id: 'b' }, { _id: 'c', _rev: '1-x' }], 10, { documents: 2, storedBytes: 0 }, limits);
    expect(result[0]).toEqual({ admit: true });
    expect(result[1]).toMatchObject({ admit: false, row: { id: 'b', error: 'forbidden', code: 'quota_documents' } });
    // An edit names its _rev: it adds no document.
    expect(result[2]).toEqual({ admit: true });
  });

  it('refuses every write but deletions once the stored bytes, this request included, pass the quota', () => {
    const result = admitWrites([{ _id: 'a', _rev: '1-x' }, { _id: 'b', _rev: '1-y', _deleted: true }], 200, { documents: 0, storedBytes: 900 }, limits);
    expect(result[0]).toMatchObject({ admit: false, row: { id: 'a', code: 'quota_bytes' } });
    expect(result[1]).toEqual({ admit: true });
    expect(admitWrites([{ _id: 'a' }], 100, { documents: 0, storedBytes: 900 }, limits)).toEqual([{ admit: true }]);
  });
});

describe('parseSince', () => {
  it('reads PouchDB integers, now, and the leading number of a CouchDB sequence', () => {
    expect(parseSince(undefined)).toBe(0);
    expect(parseSince('42')).toBe(42);
    expect(parseSince('"42"')).toBe(42);
    expect(parseSince('now')).toBe('now');
    expect(parseSince('274-g1AAAAJjeJzLYWBg')).toBe(274);
    expect(parseSince('g1AAAA')).toBe(0);
  });
});

describe('LongpollCounter', () => {
  it('holds at most max per user, each release once', () => {
    const counter = new LongpollCounter(1);
    const release = counter.take('u');
    expect(release).not.toBeNull();
    expect(counter.take('u')).toBeNull();
    expect(counter.take('v')).not.toBeNull();
    release!();
    release!();
    expect(counter.take('u')).not.toBeNull();
    expect(counter.take('u')).toBeNull();
  });
});
