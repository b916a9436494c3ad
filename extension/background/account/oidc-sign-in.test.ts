import { describe, expect, it } from 'vitest';
import { handleOidcMessage, oidcErrorMessage, readAuthResponse } from './oidc-sign-in';

const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/oidc';

describe('readAuthResponse', () => {
  it('reads the login code from the fragment of the extension\'s address', () => {
    expect(readAuthResponse(`${REDIRECT}#code=abc_123`, REDIRECT)).toEqual({ code: 'abc_123' });
    expect(readAuthResponse(`${REDIRECT}#error=email_not_verified`, REDIRECT)).toEqual({ error: 'email_not_verified' });
  });

  it('ignores a code anywhere else: query, another address', () => {
    expect(readAuthResponse(`${REDIRECT}?code=abc`, REDIRECT)).toEqual({ error: null });
    expect(readAuthResponse('https://evil.example/oidc#code=abc', REDIRECT)).toEqual({ error: null });
    expect(readAuthResponse('', REDIRECT)).toEqual({ error: null });
  });
});

describe('oidcErrorMessage', () => {
  it('says what happened in words', () => {
    expect(oidcErrorMessage('access_denied')).toBe('Sign-in was cancelled.');
    expect(oidcErrorMessage('email_not_verified')).toContain('no verified email address');
    expect(oidcErrorMessage('invalid_response')).toBe('Sign-in with Google did not complete. Try again.');
  });
});

describe('handleOidcMessage', () => {
  it('answers extension pages only, before doing anything', async () => {
    const untouched = {
      state: () => Promise.reject(new Error('must not be called')),
      signIn: () => Promise.reject(new Error('must not be called')),
      missingConsent: () => Promise.reject(new Error('must not be called')),
    };
    const deps = { account: untouched, runtimeId: 'ext', extensionOrigin: 'chrome-extension://ext/' };
    expect(await handleOidcMessage({ type: 'auth:oidcSignIn' }, { id: 'ext', url: 'https://www.linkedin.com/jobs/' }, deps))
      .toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    expect(await handleOidcMessage({ type: 'auth:oidcSignIn' }, { id: 'other', url: 'chrome-extension://ext/popup.html' }, deps))
      .toEqual({ ok: false, error: { message: 'Not allowed from here.' } });
    expect(await handleOidcMessage({ type: 'auth:oidcSignIn', localData: 'everything' }, { id: 'ext', url: 'chrome-extension://ext/popup.html' }, deps))
      .toEqual({ ok: false, error: { message: 'Malformed request.' } });
  });

  it('without Firefox\'s data-collection consent, opens no provider window and says why', async () => {
    const refusal = { code: 'data-consent-required' as const, message: 'Not signed in: Firefox did not allow it.' };
    const account = {
      state: () => Promise.resolve({ account: null, serverUrl: 'http://localhost:5000' }),
      signIn: () => Promise.reject(new Error('must not be called')),
      missingConsent: () => Promise.resolve(refusal),
    };
    const opened: string[] = [];
    const identity = {
      getRedirectURL: (path: string) => `https://ext.extensions.allizom.org/${path}`,
      launchWebAuthFlow: (details: { url: string }) => {
        opened.push(details.url);
        return Promise.resolve(undefined);
      },
    };
    const deps = { account, identity, runtimeId: 'ext', extensionOrigin: 'moz-extension://ext/', fetch: () => Promise.reject(new Error('must not fetch')) };
    expect(await handleOidcMessage({ type: 'auth:oidcSignIn' }, { id: 'ext', url: 'moz-extension://ext/popup.html' }, deps)).toEqual({ ok: false, error: refusal });
    expect(opened).toEqual([]);
  });
});
