import { describe, expect, it } from 'vitest';
import { isAllowedClientRedirect, withFragment } from './client-redirect';

const EXTENSION = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

describe('isAllowedClientRedirect', () => {
  it('accepts the extension\'s launchWebAuthFlow URL and allow-listed origins', () => {
    expect(isAllowedClientRedirect(EXTENSION, [])).toBe(true);
    expect(isAllowedClientRedirect(`${EXTENSION}oidc?x=1`, [])).toBe(true);
    expect(isAllowedClientRedirect('https://app.example.com/signed-in', ['https://app.example.com'])).toBe(true);
  });

  it('refuses look-alikes, other schemes, credentials and fragments', () => {
    for (const value of [
      'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.com/',
      'https://evil.com/abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      'https://ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOQ.chromiumapp.org/',
      'https://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz.chromiumapp.org/',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org:444/',
      'https://user@abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      `${EXTENSION}#code=planted`,
      'https://app.example.com.evil.com/',
      'javascript:alert(1)',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
      '',
      42,
    ]) {
      expect(isAllowedClientRedirect(value, ['https://app.example.com']), String(value)).toBe(false);
    }
  });
});

describe('with OIDC_EXTENSION_IDS', () => {
  it('accepts only the listed extensions', () => {
    expect(isAllowedClientRedirect(EXTENSION, [], ['abcdefghijklmnopabcdefghijklmnop'])).toBe(true);
    expect(isAllowedClientRedirect('https://ponmlkjihgfedcbaponmlkjihgfedcba.chromiumapp.org/', [], ['abcdefghijklmnopabcdefghijklmnop'])).toBe(false);
  });
});

describe('withFragment', () => {
  it('puts parameters in the fragment, encoded', () => {
    expect(withFragment(EXTENSION, { code: 'a b&c' })).toBe(`${EXTENSION}#code=a+b%26c`);
  });
});
