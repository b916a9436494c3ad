/** The dashboard's pages, addressed by the URL hash so reloads, back/forward and notifications land on the right page. */
export type Route =
  | { page: 'board' }
  | { page: 'table' }
  | { page: 'insights' }
  | { page: 'settings' }
  | { page: 'resumes' }
  | { page: 'apply-next' }
  | { page: 'new' }
  | { page: 'job'; id: string };

export const DEFAULT_ROUTE: Route = { page: 'table' };

const SIMPLE_PAGES = ['board', 'table', 'insights', 'settings', 'new', 'resumes', 'apply-next'] as const;

/** Reads `#/board`, `#/jobs/<id>`, ...; anything else is the default page. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  const [head, ...rest] = path.split('/');
  if (head === 'jobs' && rest.length === 1 && rest[0]) {
    try {
      return { page: 'job', id: decodeURIComponent(rest[0]) };
    } catch {
      return DEFAULT_ROUTE;
    }
  }
  const simple = SIMPLE_PAGES.find((page) => page === head);
  return simple && rest.length === 0 ? { page: simple } : DEFAULT_ROUTE;
}

export function routeHash(route: Route): string {
  return route.page === 'job' ? `#/jobs/${encodeURIComponent(route.id)}` : `#/${route.page}`;
}
