import type { Request } from 'express';

/** The token from `Authorization: Bearer <token>`, or null. Cookies are never read: no CSRF surface. */
export function readBearerToken(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer[ ]+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
