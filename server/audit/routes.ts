import { Router } from 'express';
import { adminAccess } from '../admin/access';
import { currentUser, handle, requireUser } from '../auth/routes';
import type { SecondFactorService } from '../auth/second-factor';
import type { AuthService } from '../auth/service';
import { HttpError } from '../errors';
import type { AuthLimiters } from '../rate-limit/limiters';
import type { AuditLog } from './log';
import { auditCsv, auditQuerySchema, toAuditFilter } from './query';

/** GET /api/admin/audit (filtered, newest first, paged by sequence number) and /export.csv; both need audit:read. */

/** Enough for years of a small server; a bigger export is narrowed by time range. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

export function createAuditRouter(options: { auth: AuthService; audit: AuditLog; secondFactor: Pick<SecondFactorService, 'isEnrolled'>; limiters: AuthLimiters }): Router {
  const { auth, audit, limiters } = options;
  const router = Router();
  // As /api/users: the per-IP limit, not the per-account one meant for sign-in forms.
  router.use(limiters.ip, requireUser(auth), ...adminAccess('audit:read', options.secondFactor));

  function parse(query: unknown) {
    const parsed = auditQuerySchema.safeParse(query);
    if (!parsed.success) {
      const fields = Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'query', issue.message]));
      throw new HttpError(400, 'validation_failed', `Invalid query: ${Object.keys(fields).join(', ')}`, fields);
    }
    return parsed.data;
  }

  router.get('/', handle(async (req, res) => {
    const query = parse(req.query);
    res.status(200).json(await audit.query(toAuditFilter(query), { limit: query.limit, beforeSeq: query.before }));
  }));

  router.get('/export.csv', handle(async (req, res) => {
    const query = parse(req.query);
    const filter = toAuditFilter(query);
    const entries = await audit.list(filter, AUDIT_EXPORT_MAX_ROWS + 1);
    if (entries.length > AUDIT_EXPORT_MAX_ROWS) throw new HttpError(413, 'too_many_rows', `More than ${AUDIT_EXPORT_MAX_ROWS} entries match: narrow the time range (from, to).`);
    const actor = currentUser(res);
    // Who took a copy of the log is itself worth knowing.
    await audit.append({ action: 'audit.exported', actor: { type: 'user', id: actor.id, email: actor.email }, details: { rows: entries.length, ...(query.action ? { filterAction: query.action } : {}) } });
    res.status(200).type('text/csv; charset=utf-8').attachment('audit-log.csv').send(auditCsv(entries));
  }));

  return router;
}
