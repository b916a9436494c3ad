import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { compileQuery, EMPTY_QUERY } from '../../shared/jobs/query';
import { JOB_STATUSES, PLATFORMS, type Job } from '../../shared/schema/job';
import { currentUser } from '../auth/routes';
import { parseBody } from '../auth/validation';
import { asyncRoute, HttpError } from '../errors';
import type { SyncDatabases } from '../storage/types';
import type { SyncLimits } from '../sync/limits';
import type { UserAnalytics } from '../analytics/user/service';
import { withUserDatabase } from './databases';
import { applyJobPatch, bulkUpdateSchema, jobPatchSchema, newJob, newJobSchema } from './job-bodies';
import { jobKind } from './kinds';
import { decodeCursor, encodeCursor, listOf, MAX_SCANNED_PER_PAGE, pageShape, parseQuery } from './list-query';
import { createDoc, deleteDoc, editDoc, getLiveDoc, pageDocs, present, toState, type StoredDoc } from './user-docs';
import { admitWrite } from './quota';
import { idParam } from './params';
import { knownRevision } from './revision';

/**
 * /api/jobs: the signed-in user's jobs, read and written in the database
 * their devices replicate. Mounted behind the token check, the per-user limit
 * and the JSON body limit (see router.ts).
 */

const DATE_FIELDS = ['createdAt', 'updatedAt', 'appliedAt'] as const;
const instant = z.union([z.iso.datetime({ offset: true }), z.iso.date()]).transform((value) => Date.parse(value));

export const jobListQuerySchema = z
  .object({
    ...pageShape,
    status: listOf(JOB_STATUSES).optional(),
    platform: listOf(PLATFORMS).optional(),
    q: z.string().max(200).optional(),
    location: z.string().max(200).optional(),
    /** Which date `from` and `to` bound; `to` is inclusive (a bare date covers its whole UTC day). */
    dateField: z.enum(DATE_FIELDS).default('createdAt'),
    from: instant.optional(),
    to: z.union([z.iso.datetime({ offset: true }).transform((value) => Date.parse(value)), z.iso.date().transform((value) => Date.parse(value) + 86_400_000 - 1)]).optional(),
  })
  .strict();

type ListQuery = z.infer<typeof jobListQuerySchema>;

function jobFilter(query: ListQuery): (doc: StoredDoc) => boolean {
  const matches = compileQuery({
    ...EMPTY_QUERY,
    text: query.q ?? '',
    statuses: query.status ?? [],
    platforms: query.platform ?? [],
    location: query.location ?? '',
  });
  const { from, to, dateField } = query;
  return (doc) => {
    const job = toState<Job>(doc);
    if (from !== undefined || to !== undefined) {
      const value = job[dateField];
      const ms = value === undefined ? Number.NaN : Date.parse(value);
      if (Number.isNaN(ms) || (from !== undefined && ms < from) || (to !== undefined && ms > to)) return false;
    }
    return matches(job);
  };
}

export function createJobsRouter(options: { databases: SyncDatabases; analytics: UserAnalytics; limits: SyncLimits }): Router {
  const { databases, analytics, limits } = options;
  const router = Router();

  router.get('/', asyncRoute(async (req, res) => {
    const query = parseQuery(jobListQuerySchema, req.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const page = await withUserDatabase(databases, res, 'jobs', ({ db }) =>
      pageDocs(db, { after, limit: query.limit, accept: jobFilter(query), maxScanned: MAX_SCANNED_PER_PAGE }));
    res.json({ jobs: page.docs.map((doc) => present<Job>(doc)), nextCursor: page.next === null ? null : encodeCursor(page.next) });
  }));

  // Before /:id, which would take "stats" for an id.
  router.get('/stats', asyncRoute(async (_req, res) => {
    res.json(await analytics.stats(currentUser(res).id));
  }));

  router.post('/', asyncRoute(async (req, res) => {
    const body = parseBody(newJobSchema, req.body);
    await admitWrite(req, res, databases, limits, true);
    const job = jobKind.stamp(undefined, newJob(body, new Date().toISOString(), randomUUID().replaceAll('-', '')));
    const doc = await withUserDatabase(databases, res, 'jobs', (target) => createDoc(target, jobKind, job));
    res.status(201).setHeader('ETag', `"${doc._rev}"`).json({ job: present<Job>(doc) });
  }));

  router.post('/bulk-update', asyncRoute(async (req, res) => {
    const { ids, changes } = parseBody(bulkUpdateSchema, req.body);
    await admitWrite(req, res, databases, limits, false);
    const results = await withUserDatabase(databases, res, 'jobs', async (target) => {
      const out: { id: string; status: 'updated' | 'unchanged' | 'not_found' | 'invalid'; _rev?: string; fields?: Record<string, string> }[] = [];
      for (const id of ids) {
        try {
          const result = await editDoc(target, jobKind, id, undefined, (job, at) => applyJobPatch(job, changes, at));
          out.push({ id, status: result.status, _rev: result.doc._rev });
        } catch (error) {
          if (!(error instanceof HttpError) || (error.status !== 404 && error.status !== 400)) throw error;
          out.push(error.status === 404 ? { id, status: 'not_found' } : { id, status: 'invalid', ...(error.fields ? { fields: error.fields } : {}) });
        }
      }
      return out;
    });
    const count = (status: string) => results.filter((result) => result.status === status).length;
    res.json({ results, updated: count('updated'), unchanged: count('unchanged'), notFound: count('not_found'), invalid: count('invalid') });
  }));

  router.get('/:id', asyncRoute(async (req, res) => {
    const doc = await withUserDatabase(databases, res, 'jobs', ({ db }) => getLiveDoc(db, jobKind, idParam(req)));
    res.setHeader('ETag', `"${doc._rev}"`).json({ job: present<Job>(doc) });
  }));

  router.put('/:id', asyncRoute(async (req, res) => {
    const { _rev: bodyRev, ...patch } = parseBody(jobPatchSchema, req.body);
    await admitWrite(req, res, databases, limits, false);
    const rev = knownRevision(req, bodyRev);
    const result = await withUserDatabase(databases, res, 'jobs', (target) =>
      editDoc(target, jobKind, idParam(req), rev, (job, at) => applyJobPatch(job, patch, at)));
    res.setHeader('ETag', `"${result.doc._rev}"`).json({ job: present<Job>(result.doc), status: result.status, merged: result.merged });
  }));

  router.delete('/:id', asyncRoute(async (req, res) => {
    await withUserDatabase(databases, res, 'jobs', (target) => deleteDoc(target, jobKind, idParam(req)));
    res.status(204).end();
  }));

  return router;
}
