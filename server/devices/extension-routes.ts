import { type Request, type Response, Router } from 'express';
import { asyncRoute, HttpError } from '../errors';
import { userDbName } from '../sync/db-name';
import { publicDevice } from './routes';
import { signedLocals } from './signed-request';
import { writeJobs, type JobWriteResult } from './jobs';

export const MAX_JOBS_PER_SYNC = 500;


/** The signed body, parsed here: the gate read it raw to check the signature. */
function jsonBody(req: Request, res: Response): Record<string, unknown> {
  if (!req.is('application/json')) throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json');
  let body: unknown;
  try {
    body = JSON.parse(signedLocals(res).rawBody.toString('utf8'));
  } catch {
    throw new HttpError(400, 'malformed_json', 'Request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'validation_failed', 'Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/**
 * `/api/extension/verify`, `/jobs/add` and `/jobs/sync`, behind the signed
 * request gate: the user and device come from the verified signature, never
 * from the body.
 */
export function createExtensionJobsRouter(options: {
  openDatabase: (name: string) => Promise<PouchDB.Database>;
  /** Told how many jobs were written, as sync and the REST API tell it (compaction, platform analytics). */
  noteWrites: (name: string, count: number) => void;
}): Router {
  const written = (name: string, results: readonly JobWriteResult[]) =>
    options.noteWrites(name, results.filter((result) => result.status === 'created' || result.status === 'updated').length);

  const router = Router();

  router.get('/verify', (_req, res) => {
    const { user, device } = signedLocals(res);
    // Named fields only: the account record holds hashes that never leave the server.
    res.json({ ok: true, user: { id: user.id, email: user.email, name: user.name }, device: publicDevice(device) });
  });

  router.post('/jobs/add', asyncRoute(async (req, res) => {
    const body = jsonBody(req, res);
    const unknown = Object.keys(body).filter((key) => key !== 'job');
    if (unknown.length > 0 || !('job' in body)) {
      const fields: Record<string, string> = Object.fromEntries(unknown.map((key) => [key, 'is not an accepted field']));
      if (!('job' in body)) fields.job = 'is required';
      throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
    }
    const name = userDbName(signedLocals(res).user.id);
    const db = await options.openDatabase(name);
    const [result] = await writeJobs(db, [body.job]);
    if (!result) throw new Error('writeJobs returned no result');
    written(name, [result]);
    if (result.status === 'invalid') {
      const fields = Object.fromEntries(Object.entries(result.fields).map(([path, message]) => [`job.${path}`, message]));
      throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
    }
    res.status(result.status === 'created' ? 201 : 200).json(result);
  }));

  router.post('/jobs/sync', asyncRoute(async (req, res) => {
    const body = jsonBody(req, res);
    const unknown = Object.keys(body).filter((key) => key !== 'jobs');
    if (unknown.length > 0 || !Array.isArray(body.jobs)) {
      const fields: Record<string, string> = Object.fromEntries(unknown.map((key) => [key, 'is not an accepted field']));
      if (!Array.isArray(body.jobs)) fields.jobs = 'must be an array of jobs';
      throw new HttpError(400, 'validation_failed', `Invalid ${Object.keys(fields).join(', ')}`, fields);
    }
    if (body.jobs.length > MAX_JOBS_PER_SYNC) {
      throw new HttpError(400, 'validation_failed', 'Invalid jobs', { jobs: `must hold at most ${MAX_JOBS_PER_SYNC} jobs (got ${body.jobs.length})` });
    }
    const name = userDbName(signedLocals(res).user.id);
    const db = await options.openDatabase(name);
    const results = await writeJobs(db, body.jobs);
    written(name, results);
    const count = (status: string) => results.filter((result) => result.status === status).length;
    res.json({
      results,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      invalid: count('invalid'),
    });
  }));

  return router;
}
