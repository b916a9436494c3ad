import type { Request } from 'express';
import { describe, expect, it } from 'vitest';
import { HttpError } from '../errors';
import { knownRevision } from './revision';

const withIfMatch = (value?: string) => ({ get: (name: string) => (name.toLowerCase() === 'if-match' ? value : undefined) }) as unknown as Request;

describe('knownRevision', () => {
  it('reads an ETag from If-Match, strong or weak, or the body\'s _rev', () => {
    expect(knownRevision(withIfMatch('"3-abc"'), undefined)).toBe('3-abc');
    expect(knownRevision(withIfMatch('W/"3-abc"'), undefined)).toBe('3-abc');
    expect(knownRevision(withIfMatch(), '2-def')).toBe('2-def');
    expect(knownRevision(withIfMatch('*'), undefined)).toBeUndefined();
    expect(knownRevision(withIfMatch('"3-abc"'), '3-abc')).toBe('3-abc');
  });

  it('refuses two different revisions or a list of ETags', () => {
    expect(() => knownRevision(withIfMatch('"3-abc"'), '2-def')).toThrow(HttpError);
    expect(() => knownRevision(withIfMatch('"1-a", "2-b"'), undefined)).toThrow(HttpError);
  });
});
