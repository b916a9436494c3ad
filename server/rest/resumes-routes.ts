import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { activeFlagChanges, activeResumeId } from '../../shared/resume/doc/active';
import { RESUME_DOC_VERSION, resumeFileSchema, resumeOutcomeSchema, resumeSchema, type Resume } from '../../shared/resume/doc/resume-doc';
import { parsedResumeSchema } from '../../shared/resume/parsed-resume';
import type { Job } from '../../shared/schema/job';
import { currentUser } from '../auth/routes';
import { parseBody } from '../auth/validation';
import { asyncRoute, HttpError } from '../errors';
import type { SyncDatabases } from '../storage/types';
import type { SyncLimits } from '../sync/limits';
import { withUserDatabase } from './databases';
import { jobKind, resumeKind } from './kinds';
import { decodeCursor, encodeCursor, MAX_SCANNED_PER_PAGE, pageShape, parseQuery } from './list-query';
import { idParam } from './params';
import type { ResumeAnalyses } from './resume-analysis';
import { admitWrite } from './quota';
import { knownRevision } from './revision';
import { createDoc, deleteDoc, editDoc, getLiveDoc, pageDocs, present, toState, type StoredDoc } from './user-docs';

/**
 * /api/resumes: the signed-in user's resumes, in the resumes database their
 * devices replicate. The original files stay with /api/files; a resume
 * document made here names one by its metadata, as the extension's do.
 */

/** A user keeps a handful of resumes; set-active reads them all, so it refuses more than this. */
const MAX_RESUMES_READ = 1_000;

export const newResumeSchema = z
  .object({
    id: resumeSchema.shape.id.optional(),
    name: resumeSchema.shape.name,
    file: resumeFileSchema,
    outcome: resumeOutcomeSchema,
    parsed: parsedResumeSchema,
    /** The corrected resume; the parsed one when absent. */
    resume: parsedResumeSchema.optional(),
  })
  .strict();

/** A name, and any sections of the corrected resume; what was parsed never changes. */
export const resumePatchSchema = z
  .object({
    name: resumeSchema.shape.name.optional(),
    resume: parsedResumeSchema.partial().strict().optional(),
    _rev: z.string().min(1).max(200).optional(),
  })
  .strict();

export const resumeListQuerySchema = z
  .object({ ...pageShape, q: z.string().max(200).optional() })
  .strict();

export const analyzeSchema = z.object({ jobId: z.string().min(1).max(200).optional() }).strict();

export function createResumesRouter(options: { databases: SyncDatabases; analyses: ResumeAnalyses; limits: SyncLimits }): Router {
  const { databases, analyses, limits } = options;
  const router = Router();

  router.get('/', asyncRoute(async (req, res) => {
    const query = parseQuery(resumeListQuerySchema, req.query);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const accept = (doc: StoredDoc) => {
      const name = typeof doc.name === 'string' ? doc.name.toLowerCase() : '';
      return words.every((word) => name.includes(word));
    };
    const page = await withUserDatabase(databases, res, 'resumes', ({ db }) => pageDocs(db, { after, limit: query.limit, accept, maxScanned: MAX_SCANNED_PER_PAGE }));
    res.json({ resumes: page.docs.map((doc) => present<Resume>(doc)), nextCursor: page.next === null ? null : encodeCursor(page.next) });
  }));

  router.post('/', asyncRoute(async (req, res) => {
    const body = parseBody(newResumeSchema, req.body);
    await admitWrite(req, res, databases, limits, true);
    const at = new Date().toISOString();
    const resume: Resume = resumeKind.stamp(undefined, {
      id: body.id ?? randomUUID(),
      schemaVersion: RESUME_DOC_VERSION,
      name: body.name,
      active: false,
      file: body.file,
      outcome: body.outcome,
      parsed: body.parsed,
      resume: body.resume ?? body.parsed,
      createdAt: at,
      updatedAt: at,
    });
    const doc = await withUserDatabase(databases, res, 'resumes', (target) => createDoc(target, resumeKind, resume));
    res.status(201).setHeader('ETag', `"${doc._rev}"`).json({ resume: present<Resume>(doc) });
  }));

  router.get('/:id', asyncRoute(async (req, res) => {
    const doc = await withUserDatabase(databases, res, 'resumes', ({ db }) => getLiveDoc(db, resumeKind, idParam(req)));
    res.setHeader('ETag', `"${doc._rev}"`).json({ resume: present<Resume>(doc) });
  }));

  router.put('/:id', asyncRoute(async (req, res) => {
    const { _rev: bodyRev, name, resume: sections } = parseBody(resumePatchSchema, req.body);
    await admitWrite(req, res, databases, limits, false);
    const rev = knownRevision(req, bodyRev);
    const result = await withUserDatabase(databases, res, 'resumes', (target) =>
      editDoc(target, resumeKind, idParam(req), rev, (current) => ({
        ...current,
        ...(name !== undefined ? { name } : {}),
        resume: { ...current.resume, ...sections },
      })));
    res.setHeader('ETag', `"${result.doc._rev}"`).json({ resume: present<Resume>(result.doc), status: result.status, merged: result.merged });
  }));

  router.delete('/:id', asyncRoute(async (req, res) => {
    await withUserDatabase(databases, res, 'resumes', (target) => deleteDoc(target, resumeKind, idParam(req)));
    res.status(204).end();
  }));

  // The same rule as the Resumes page: this one flagged, every other unflagged, in one pass.
  router.put('/:id/set-active', asyncRoute(async (req, res) => {
    const id = idParam(req);
    const active = await withUserDatabase(databases, res, 'resumes', async (target) => {
      await getLiveDoc(target.db, resumeKind, id);
      const page = await pageDocs(target.db, { after: undefined, limit: MAX_RESUMES_READ, accept: () => true, maxScanned: MAX_RESUMES_READ + 1 });
      if (page.next !== null) throw new HttpError(409, 'too_many_resumes', `More than ${MAX_RESUMES_READ} resumes: delete some first`);
      const resumes = page.docs.map((doc) => toState<Resume>(doc));
      for (const change of activeFlagChanges(resumes, id)) {
        await editDoc(target, resumeKind, change.id, undefined, (resume) => ({ ...resume, active: change.active }));
      }
      const after = await pageDocs(target.db, { after: undefined, limit: MAX_RESUMES_READ, accept: () => true, maxScanned: MAX_RESUMES_READ + 1 });
      return activeResumeId(after.docs.map((doc) => toState<Resume>(doc)));
    });
    res.json({ activeResumeId: active });
  }));

  router.post('/:id/analyze', asyncRoute(async (req, res) => {
    const { jobId } = parseBody(analyzeSchema, req.body ?? {});
    const userId = currentUser(res).id;
    const doc = await withUserDatabase(databases, res, 'resumes', ({ db }) => getLiveDoc(db, resumeKind, idParam(req)));
    const job = jobId === undefined
      ? undefined
      : await withUserDatabase(databases, res, 'jobs', async ({ db }) => ({ id: jobId, job: toState<Job>(await getLiveDoc(db, jobKind, jobId)) }));
    res.json({ analysis: await analyses.analyze(userId, toState<Resume>(doc), doc._rev, job) });
  }));

  router.get('/:id/analysis', asyncRoute(async (req, res) => {
    const doc = await withUserDatabase(databases, res, 'resumes', ({ db }) => getLiveDoc(db, resumeKind, idParam(req)));
    res.json({ analysis: await analyses.latest(currentUser(res).id, toState<Resume>(doc), doc._rev) });
  }));

  return router;
}
