import { describe, expect, it } from 'vitest';
import { DEFAULT_ROUTE, parseRoute, routeHash, type Route } from './route';

describe('dashboard routes', () => {
  it('round-trips every page through the hash', () => {
    const routes: Route[] = [
      { page: 'board' },
      { page: 'table' },
      { page: 'insights' },
      { page: 'settings' },
      { page: 'new' },
      { page: 'resumes' },
      { page: 'apply-next' },
      { page: 'job', id: 'linkedin:4012345678' },
      { page: 'job', id: 'other:a/b c' },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('sends unknown or malformed hashes to the default page', () => {
    for (const hash of ['', '#', '#/', '#/nope', '#/board/extra', '#/jobs/', '#/jobs/%E0%A4%A', '#/jobs/a/b']) {
      expect(parseRoute(hash)).toEqual(DEFAULT_ROUTE);
    }
  });
});
