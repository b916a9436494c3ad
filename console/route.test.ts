import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from './route';

describe('console routes', () => {
  it('reads pages and a user', () => {
    expect(parseRoute('#/audit')).toEqual({ page: 'audit' });
    expect(parseRoute('#/users/u%2F1')).toEqual({ page: 'user', id: 'u/1' });
    expect(routeHash({ page: 'user', id: 'u/1' })).toBe('#/users/u%2F1');
  });

  it('answers null for anything else', () => {
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/nope')).toBeNull();
    expect(parseRoute('#/audit/x')).toBeNull();
    expect(parseRoute('#/users/%E0%A4%A')).toBeNull();
  });
});
