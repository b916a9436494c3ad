import { describe, expect, it } from 'vitest';
import { KnownRevisions, revisionGeneration } from './known-revisions';

describe('KnownRevisions', () => {
  it('reads the generation of a CouchDB revision', () => {
    expect(revisionGeneration('12-abc')).toBe(12);
  });

  it('accepts the first and every newer revision of a document, and refuses an older one', () => {
    const known = new KnownRevisions();
    expect(known.see('a', '2-x')).toBe(true);
    expect(known.see('a', '3-y')).toBe(true);
    expect(known.see('a', '2-x')).toBe(false);
    expect(known.see('a', '1-w')).toBe(false);
    // The same generation again (the echo of a push) is still pulled.
    expect(known.see('a', '3-y')).toBe(true);
  });

  it('judges each document on its own', () => {
    const known = new KnownRevisions();
    known.see('a', '5-x');
    expect(known.see('b', '1-z')).toBe(true);
  });
});
