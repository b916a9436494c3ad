import type { IncomingMessage } from 'node:http';

/**
 * A request's route as a metrics label with few values: the pattern express
 * matched (`/api/jobs/:id`, `/db/:db/_changes`), never the path itself, which
 * carries ids and would give every user their own time series.
 *
 * Express keeps only the matched pattern relative to its router (`/:id`); the
 * router's mount point is the start of the path before the pattern's segments.
 * Answers given before any route (authentication, a rate limit) are labelled
 * with the longest mount point already seen on a matched route: those come
 * from the app's own routes, so a client cannot invent new label values.
 */
export class RouteLabels {
  private readonly mounts = new Set<string>();

  label(req: IncomingMessage, status: number): string {
    const r = req as IncomingMessage & { originalUrl?: string; route?: { path?: unknown } };
    const path = (r.originalUrl ?? r.url ?? '/').split('?')[0]!;
    const pattern = r.route?.path;
    if (typeof pattern === 'string') {
      const segments = path.split('/').filter(Boolean);
      const patternSegments = pattern.split('/').filter(Boolean).length;
      const mount = patternSegments <= segments.length ? `/${segments.slice(0, segments.length - patternSegments).join('/')}` : '';
      const prefix = mount === '/' ? '' : mount;
      if (prefix && this.mounts.size < 200) this.mounts.add(prefix);
      return `${prefix}${pattern}` || '/';
    }
    if (status === 404) return 'unmatched';
    let best = '';
    for (const mount of this.mounts) {
      if ((path === mount || path.startsWith(`${mount}/`)) && mount.length > best.length) best = mount;
    }
    return best ? `${best}/*` : 'unmatched';
  }
}
