import { CONSOLE_PAGES, type ConsolePage } from '../shared/admin/console-pages';

/** The console's pages, addressed by the URL hash (`#/users`, `#/users/<id>`), so the server serves one file. */
export type ConsoleRoute = { page: ConsolePage } | { page: 'user'; id: string };

export function parseRoute(hash: string): ConsoleRoute | null {
  const [head, ...rest] = hash.replace(/^#\/?/, '').split('/');
  if (head === 'users' && rest.length === 1 && rest[0]) {
    try {
      return { page: 'user', id: decodeURIComponent(rest[0]) };
    } catch {
      return null;
    }
  }
  const page = CONSOLE_PAGES.find((candidate) => candidate === head);
  return page && rest.length === 0 ? { page } : null;
}

export function routeHash(route: ConsoleRoute): string {
  return route.page === 'user' ? `#/users/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}
