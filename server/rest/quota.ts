import type { Request, Response } from 'express';
import { currentUser } from '../auth/routes';
import { HttpError } from '../errors';
import type { SyncDatabases } from '../storage/types';
import { admitWrites } from '../sync/admit-writes';
import { quotaUsage } from '../sync/gate-middleware';
import type { SyncLimits } from '../sync/limits';

/**
 * The quotas sync holds a user to (documents and stored bytes, jobs and
 * resumes together) hold for the REST API too: it writes the same databases.
 * A deletion always passes, as in sync, so a user at the limit can get back under.
 */
export async function admitWrite(req: Request, res: Response, databases: SyncDatabases, limits: SyncLimits, creates: boolean): Promise<void> {
  const bytes = Number(req.headers['content-length'] ?? 0) || 0;
  const usage = await quotaUsage(databases, currentUser(res).id);
  const [admission] = admitWrites([creates ? {} : { _rev: 'existing' }], bytes, usage, limits);
  if (admission && !admission.admit) throw new HttpError(403, admission.row.code, admission.row.reason);
}
