import { describe, expect, it } from 'vitest';
import { codeMatches, generateCode, hashCode } from './codes';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

describe('one-time codes', () => {
  it('are six digits, leading zeros kept, and vary', () => {
    const codes = Array.from({ length: 200 }, generateCode);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(190);
  });

  it('match only the same code, email and purpose', () => {
    const stored = hashCode(SECRET, 'verify', 'ada@example.com', '012345');
    expect(stored).not.toContain('012345');
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012345', stored)).toBe(true);
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012346', stored)).toBe(false);
    expect(codeMatches(SECRET, 'verify', 'bob@example.com', '012345', stored)).toBe(false);
    expect(codeMatches(SECRET, 'reset', 'ada@example.com', '012345', stored)).toBe(false);
    expect(codeMatches('another-secret-that-is-long-enough-012345', 'verify', 'ada@example.com', '012345', stored)).toBe(false);
  });

  it('match only the registration they were bound to', () => {
    const stored = hashCode(SECRET, 'verify', 'ada@example.com', '012345', '$argon2id$first');
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012345', stored, '$argon2id$first')).toBe(true);
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012345', stored, '$argon2id$second')).toBe(false);
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012345', stored)).toBe(false);
  });

  it('treat a malformed stored hash as no match instead of throwing', () => {
    expect(codeMatches(SECRET, 'verify', 'ada@example.com', '012345', 'abc')).toBe(false);
  });
});
