import { describe, expect, it } from 'vitest';
import { firefoxRedirectLabel, isAllowedClientRedirect, withFragment } from './client-redirect';

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

describe('Firefox', () => {
  // What Firefox's identity.getRedirectURL() answers for TrackRuit's add-on id (wxt.config.ts).
  const FIREFOX = 'https://c864d161d7a050c8dc3da7e9d67b4c0e3af46e7b.extensions.allizom.org/';
  const trackruit = 'trackruit@trackruit.app';

  it('derives the redirect host from the SHA-1 of the add-on id, as Firefox does', () => {
    expect(`https://${firefoxRedirectLabel(trackruit)}.extensions.allizom.org/`).toBe(FIREFOX);
    expect(firefoxRedirectLabel('other@example.com')).not.toBe(firefoxRedirectLabel(trackruit));
  });

  it('accepts launchWebAuthFlow URLs of any add-on without an allow-list, and only the listed add-ons with one', () => {
    const ours = `https://${firefoxRedirectLabel(trackruit)}.extensions.allizom.org/oidc`;
    expect(isAllowedClientRedirect(ours, [])).toBe(true);
    expect(isAllowedClientRedirect(FIREFOX, [])).toBe(true);
    expect(isAllowedClientRedirect(ours, [], [trackruit])).toBe(true);
    expect(isAllowedClientRedirect(ours, [], ['abcdefghijklmnopabcdefghijklmnop'])).toBe(false);
    expect(isAllowedClientRedirect(`https://${firefoxRedirectLabel('other@example.com')}.extensions.allizom.org/`, [], [trackruit])).toBe(false);
  });

  it('refuses look-alikes', () => {
    const label = firefoxRedirectLabel(trackruit);
    for (const value of [
      `http://${label}.extensions.allizom.org/`,
      `https://${label}.extensions.allizom.org.evil.com/`,
      `https://${label.toUpperCase()}x.extensions.allizom.org/`,
      `https://${label.slice(1)}.extensions.allizom.org/`,
      `https://${label}.extensions.allizom.org:444/`,
      `https://${label}.allizom.org/`,
    ]) {
      expect(isAllowedClientRedirect(value, [], [trackruit]), value).toBe(false);
    }
  });
});

describe('withFragment', () => {
  it('puts parameters in the fragment, encoded', () => {
    expect(withFragment(EXTENSION, { code: 'a b&c' })).toBe(`${EXTENSION}#code=a+b%26c`);
  });
});
