import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, EMPTY_BODY_SHA256, fromBase64Url, pathAndQueryOf, toBase64Url } from './canonical';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('canonicalRequest', () => {
  it('joins method, path with query, timestamp and body hash with newlines', () => {
    expect(canonicalRequest({ method: 'POST', pathAndQuery: '/api/extension/jobs/add?x=1', timestamp: '1700000000000', bodySha256Hex: sha('{"a":1}') }))
      .toBe(`POST\n/api/extension/jobs/add?x=1\n1700000000000\n${sha('{"a":1}')}`);
  });

  it('signs an empty body as the hash of nothing', () => {
    expect(EMPTY_BODY_SHA256).toBe(sha(''));
    expect(canonicalRequest({ method: 'GET', pathAndQuery: '/api/extension/config', timestamp: '1', bodySha256Hex: EMPTY_BODY_SHA256 }))
      .toBe(`GET\n/api/extension/config\n1\n${EMPTY_BODY_SHA256}`);
  });

  it('refuses parts that could make two requests share one string', () => {
    const ok = { method: 'GET', pathAndQuery: '/a', timestamp: '1', bodySha256Hex: EMPTY_BODY_SHA256 };
    expect(() => canonicalRequest({ ...ok, method: 'get' })).toThrow(/method/);
    expect(() => canonicalRequest({ ...ok, method: 'GET\n/b' })).toThrow(/method/);
    expect(() => canonicalRequest({ ...ok, pathAndQuery: '/a\n1' })).toThrow(/pathAndQuery/);
    expect(() => canonicalRequest({ ...ok, pathAndQuery: 'a' })).toThrow(/pathAndQuery/);
    expect(() => canonicalRequest({ ...ok, timestamp: '1.5' })).toThrow(/timestamp/);
    expect(() => canonicalRequest({ ...ok, bodySha256Hex: EMPTY_BODY_SHA256.toUpperCase() })).toThrow(/bodySha256Hex/);
  });
});

describe('pathAndQueryOf', () => {
  it('keeps the query and the encoding, drops origin and fragment', () => {
    expect(pathAndQueryOf('https://s.example/api/extension/config')).toBe('/api/extension/config');
    expect(pathAndQueryOf('https://s.example/p%20q?a=b%2Fc&d#frag')).toBe('/p%20q?a=b%2Fc&d');
  });
});

describe('base64url', () => {
  it('round-trips every byte value without padding', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    const text = toBase64Url(bytes);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text).toBe(Buffer.from(bytes).toString('base64url'));
    expect(fromBase64Url(text)).toEqual(bytes);
  });

  it('refuses text that is not base64url', () => {
    expect(fromBase64Url('a+b/')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});
