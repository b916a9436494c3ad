import { describe, expect, it } from 'vitest';
import { readOidcConfig } from './config';

function read(env: Record<string, string>) {
  const errors: string[] = [];
  const config = readOidcConfig((name) => env[name], errors);
  return { config, errors };
}

const google = { OIDC_ISSUER: 'https://accounts.google.com', OIDC_CLIENT_ID: 'id.apps.googleusercontent.com', OIDC_CLIENT_SECRET: 's3cret-value' };

describe('readOidcConfig', () => {
  it('is off when nothing is set', () => {
    expect(read({})).toEqual({ config: null, errors: [] });
  });

  it('reads Google with the default scopes and redirect', () => {
    expect(read(google)).toEqual({
      config: { issuer: 'https://accounts.google.com', clientId: google.OIDC_CLIENT_ID, clientSecret: 's3cret-value', redirectUri: null, scopes: 'openid email profile', extensionIds: [] },
      errors: [],
    });
  });

  it('reports each missing or bad variable on its own line, never the secret', () => {
    const { config, errors } = read({ OIDC_CLIENT_SECRET: 'top-secret', OIDC_SCOPES: 'profile', OIDC_REDIRECT_URI: 'http://evil.example/cb' });
    expect(config).toBeNull();
    expect(errors).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: is required/),
      expect.stringMatching(/^OIDC_CLIENT_ID: is required/),
      expect.stringMatching(/^OIDC_REDIRECT_URI: must be an https URL/),
      expect.stringMatching(/^OIDC_SCOPES: must include openid and email/),
    ]);
    expect(errors.join('\n')).not.toContain('top-secret');
  });

  it('reads the extension ids allowed to receive codes', () => {
    const ids = 'abcdefghijklmnopabcdefghijklmnop, ponmlkjihgfedcbaponmlkjihgfedcba';
    expect(read({ ...google, OIDC_EXTENSION_IDS: ids }).config?.extensionIds).toEqual(['abcdefghijklmnopabcdefghijklmnop', 'ponmlkjihgfedcbaponmlkjihgfedcba']);
    expect(read({ ...google, OIDC_EXTENSION_IDS: 'not-an-id' }).errors).toEqual([expect.stringMatching(/^OIDC_EXTENSION_IDS: each entry/)]);
    expect(read({ ...google, OIDC_EXTENSION_IDS: 'abcdefghijklmnopabcdefghijklmnop, trackruit@trackruit.app, {12345678-1234-1234-1234-123456789abc}' }).config?.extensionIds)
      .toEqual(['abcdefghijklmnopabcdefghijklmnop', 'trackruit@trackruit.app', '{12345678-1234-1234-1234-123456789abc}']);
  });

  it('allows plain http only for a provider on this machine', () => {
    expect(read({ ...google, OIDC_ISSUER: 'http://127.0.0.1:4000' }).errors).toEqual([]);
    expect(read({ ...google, OIDC_ISSUER: 'http://accounts.example.com' }).errors).toEqual([expect.stringMatching(/^OIDC_ISSUER/)]);
  });
});
