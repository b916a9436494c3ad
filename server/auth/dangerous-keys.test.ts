import { describe, expect, it } from 'vitest';
import { findDangerousKey } from './dangerous-keys';

describe('findDangerousKey', () => {
  it('finds __proto__, constructor and prototype at any depth, as JSON.parse produces them', () => {
    expect(findDangerousKey(JSON.parse('{"__proto__":{"role":"admin"}}'))).toBe('__proto__');
    expect(findDangerousKey(JSON.parse('{"preferences":{"constructor":{"prototype":{"x":1}}}}'))).toBe('preferences.constructor');
    expect(findDangerousKey(JSON.parse('{"a":[{"b":1},{"prototype":2}]}'))).toBe('a[1].prototype');
  });

  it('lets ordinary bodies through, including values named like the keys', () => {
    expect(findDangerousKey({ name: '__proto__', preferences: { theme: 'constructor' }, list: [1, 'prototype'] })).toBeNull();
    expect(findDangerousKey(null)).toBeNull();
    expect(findDangerousKey('text')).toBeNull();
  });

  it('refuses nesting deeper than any real body', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100; i += 1) deep = { a: deep };
    expect(findDangerousKey(deep)).not.toBeNull();
  });
});
