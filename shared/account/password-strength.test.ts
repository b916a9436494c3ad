import { describe, expect, it } from 'vitest';
import { passwordWeakness } from './password-strength';

describe('passwordWeakness', () => {
  it('accepts a long, uncommon password', () => {
    expect(passwordWeakness('correct horse battery staple', 'ada@example.com')).toBeNull();
  });

  it('asks for at least 10 characters', () => {
    expect(passwordWeakness('short1!', 'ada@example.com')).toBe('must be at least 10 characters');
    expect(passwordWeakness('123456789')).toBe('must be at least 10 characters');
  });

  it('refuses common passwords whatever their case, and one repeated character', () => {
    expect(passwordWeakness('Password123')).toMatch(/most common passwords/);
    expect(passwordWeakness('QWERTYUIOP')).toMatch(/most common passwords/);
    expect(passwordWeakness('aaaaaaaaaaaa')).toMatch(/most common passwords/);
  });

  it('refuses a password containing the email local part', () => {
    expect(passwordWeakness('my-Ada.Lovelace-pass', 'ada.lovelace@example.com')).toBe('must not contain your email address');
    // A one- or two-letter local part would refuse too much.
    expect(passwordWeakness('a long enough passphrase', 'a@example.com')).toBeNull();
  });

  it('caps the length', () => {
    expect(passwordWeakness('x'.repeat(200) + 'y'.repeat(57))).toBe('must be at most 256 characters');
  });
});
