import { describe, expect, it } from 'vitest';
import { normalizeServerUrl } from './server-url';
import { syncUrlOnServer } from './tokens';

describe('syncUrlOnServer', () => {
  it('keeps a sync URL on the configured server', () => {
    expect(syncUrlOnServer('https://sync.example.com', 'https://sync.example.com/db/userdb-ab12/')).toBe(
      'https://sync.example.com/db/userdb-ab12/',
    );
  });

  it('moves a sync URL on another origin to the configured one, so the token never leaves it', () => {
    expect(syncUrlOnServer('http://127.0.0.1:5123', 'http://localhost:5123/db/userdb-ab12/')).toBe(
      'http://127.0.0.1:5123/db/userdb-ab12/',
    );
    expect(syncUrlOnServer('https://mine.example', 'https://evil.example/db/userdb-ab12')).toBe(
      'https://mine.example/db/userdb-ab12/',
    );
  });
});

describe('normalizeServerUrl', () => {
  it.each([
    ['http://localhost:5000', 'http://localhost:5000'],
    ['  https://sync.example.com/  ', 'https://sync.example.com'],
    ['https://example.com/trackruit/?x=1#top', 'https://example.com/trackruit'],
  ])('accepts %s', (input, url) => {
    expect(normalizeServerUrl(input)).toEqual({ ok: true, url });
  });

  it.each(['', 'localhost:5000', 'ftp://example.com', 'javascript:alert(1)', 'https://user:pw@example.com'])(
    'refuses %s',
    (input) => {
      expect(normalizeServerUrl(input).ok).toBe(false);
    },
  );
});
