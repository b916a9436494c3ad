import { describe, expect, it } from 'vitest';
import { createUnsubscribeLinks, UNSUBSCRIBE_PATH } from './unsubscribe-link';

const links = createUnsubscribeLinks('s'.repeat(48), () => 'https://track.example.org');

function parts(url: string) {
  const parsed = new URL(url);
  return { path: parsed.pathname, u: parsed.searchParams.get('u'), s: parsed.searchParams.get('s') };
}

describe('unsubscribe links', () => {
  it('verify for the user they were made for', () => {
    const { path, u, s } = parts(links.url('user-1'));
    expect(path).toBe(UNSUBSCRIBE_PATH);
    expect(links.verify(u, s)).toBe('user-1');
  });

  it('refuse another user id, an edited signature, another secret and missing parts', () => {
    const { s } = parts(links.url('user-1'));
    expect(links.verify('user-2', s)).toBeNull();
    expect(links.verify('user-1', `${s!.slice(0, -1)}${s!.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(createUnsubscribeLinks('t'.repeat(48), () => '').verify('user-1', s)).toBeNull();
    expect(links.verify('user-1', undefined)).toBeNull();
    expect(links.verify(undefined, s)).toBeNull();
    expect(links.verify(['user-1'], s)).toBeNull();
    expect(links.verify('x'.repeat(200), s)).toBeNull();
  });
});
