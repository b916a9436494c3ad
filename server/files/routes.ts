import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import { z } from 'zod';
import { readBearerToken } from '../auth/bearer';
import { asyncRoute, HttpError } from '../errors';
import { RESUME_LIMITS } from '../../shared/resume/doc/resume-doc';
import { ResumeParseError } from '../../shared/resume/extract/errors';
import type { ParseOutcome } from '../../shared/resume/extract/types';
import { contentDisposition, isResumeId, sanitizeFileName } from './names';
import { parseInWorker, type ParseInWorkerOptions } from './parse-in-worker';
import { isStoredContentType, sniffContentType, type StoredContentType } from './sniff';
import type { FileStore } from './file-store';

/**
 * /api/files/resumes: the user's original resume files. Only the owner of
 * the bearer token reaches their own folder; the bytes decide the type.
 */

export const shareBodySchema = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), name: z.string().max(1000).optional() }).strict();

/** OCR takes a core for up to a minute: one parse at a time keeps the server answering. */
const MAX_CONCURRENT_PARSES = 1;


interface Authenticated {
  userId: string;
}

export function createFilesRouter(options: {
  store: FileStore;
  /** The user id behind an access token; throws a 401 HttpError otherwise. */
  authenticate: (accessToken: string | null) => Promise<{ id: string }>;
  parse?: (bytes: Uint8Array, options: ParseInWorkerOptions) => Promise<ParseOutcome>;
  /**
   * Whether the account still exists, read from the storage itself rather than a cache: checked
   * again once a write is committed, so an account another instance deleted meanwhile (its token
   * may still pass here for a moment) does not get files back after its deletion swept them.
   */
  accountExists?: (userId: string) => Promise<boolean>;
  /** Run once the user is known (res.locals.userId), before any body is read: the per-user rate limits. */
  afterAuthentication?: RequestHandler[];
}): Router {
  const { store } = options;
  const parse = options.parse ?? parseInWorker;
  let parsing = 0;
  const router = Router();

  // Before the body is read, so nobody without an account can make the server buffer 10 MB.
  router.use((req, res, next) => {
    options.authenticate(readBearerToken(req)).then((user) => {
      (res.locals as Authenticated).userId = user.id;
      next();
    }, next);
  });
  if (options.afterAuthentication?.length) router.use(...options.afterAuthentication);

  const userOf = (res: Response) => (res.locals as Authenticated).userId;

  function stillAllowed(req: Request, res: Response) {
    return async () => {
      await options.authenticate(readBearerToken(req));
      if (options.accountExists && !(await options.accountExists(userOf(res)))) {
        throw new HttpError(401, 'invalid_token', 'Access token is invalid or expired');
      }
    };
  }

  function resumeIdOf(req: Request): string {
    const resumeId = req.params.resumeId ?? '';
    if (!isResumeId(resumeId)) throw new HttpError(400, 'invalid_resume_id', 'A resume id is 1 to 100 letters, digits, "-" or "_"');
    return resumeId;
  }

  router.get('/resumes', asyncRoute(async (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ files: await store.list(userOf(res)) });
  }));

  router.put(
    '/resumes/:resumeId',
    (req, _res, next) => {
      try {
        resumeIdOf(req);
        next();
      } catch (error) {
        next(error);
      }
    },
    // Compressed bodies are refused (415) rather than inflated: the limit must bound what is received.
    express.raw({ type: () => true, limit: RESUME_LIMITS.fileBytes, inflate: false }),
    asyncRoute(async (req, res) => {
      const resumeId = resumeIdOf(req);
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body) || body.byteLength === 0) throw new HttpError(400, 'empty_file', 'The request has no file in its body');
      const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      const declared = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const sniffed = sniffContentType(bytes);
      if (!sniffed) throw new HttpError(415, 'unsupported_file_type', 'Only PDF, DOCX, PNG and JPEG files are kept');
      if (!isStoredContentType(declared) || declared !== sniffed) {
        throw new HttpError(415, 'content_type_mismatch', `The file is ${sniffed} but was sent as ${declared || 'no type'}`);
      }
      const rawName = typeof req.query.name === 'string' ? req.query.name : undefined;
      const fileName = sanitizeFileName(rawName, sniffed, resumeId);
      const allowed = stillAllowed(req, res);
      const { info, replaced } = await store.put(userOf(res), resumeId, bytes, { contentType: sniffed, fileName }, { stillAllowed: allowed });
      res.status(replaced ? 200 : 201).json(info);
    }),
  );

  // A duplicated resume: the same original as another of the user's resumes, named by its hash, with no bytes sent again.
  router.post('/resumes/:resumeId/share', express.json({ limit: '2kb' }), asyncRoute(async (req, res) => {
    const resumeId = resumeIdOf(req);
    const parsed = shareBodySchema.safeParse(req.body);
    if (!parsed.success) throw new HttpError(400, 'invalid_body', 'Send { "sha256": the lower-case hex SHA-256 of a file you stored, "name"?: a file name }');
    const { sha256, name } = parsed.data;
    const allowed = stillAllowed(req, res);
    const fileName = name === undefined ? {} : { fileName: (contentType: StoredContentType) => sanitizeFileName(name, contentType, resumeId) };
    const shared = await store.share(userOf(res), resumeId, sha256, fileName, { stillAllowed: allowed });
    if (!shared) throw new HttpError(404, 'file_not_found', 'You have no stored file with this SHA-256; upload it instead');
    res.status(shared.replaced ? 200 : 201).json(shared.info);
  }));

  router.get('/resumes/:resumeId', asyncRoute(async (req, res) => {
    const opened = await store.open(userOf(res), resumeIdOf(req));
    if (!opened) throw new HttpError(404, 'file_not_found', 'No file is stored for this resume');
    const { info } = opened;
    res.status(200);
    res.setHeader('Content-Type', info.contentType);
    res.setHeader('Content-Length', String(info.size));
    res.setHeader('Content-Disposition', contentDisposition(info.fileName));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Even if a browser navigated to it, the file gets no script, no plugin, no same-origin access.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('ETag', `"${info.sha256}"`);
    if (req.method === 'HEAD') {
      await opened.close();
      res.end();
      return;
    }
    const stream = opened.stream();
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      res.on('close', resolve);
      stream.pipe(res);
    }).finally(() => opened.close());
  }));

  // For clients that cannot parse on the device: the stored original, read by the same pipeline in a worker thread.
  router.post('/resumes/:resumeId/parse', asyncRoute(async (req, res) => {
    const opened = await store.open(userOf(res), resumeIdOf(req));
    if (!opened) throw new HttpError(404, 'file_not_found', 'No file is stored for this resume');
    let bytes: Uint8Array;
    try {
      bytes = await opened.bytes();
    } finally {
      await opened.close();
    }
    if (parsing >= MAX_CONCURRENT_PARSES) {
      res.setHeader('Retry-After', '10');
      throw new HttpError(503, 'parser_busy', 'Another resume is being read; try again in a few seconds');
    }
    parsing += 1;
    const gaveUp = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gaveUp.abort();
    });
    try {
      const outcome = await parse(bytes, { signal: gaveUp.signal });
      res.setHeader('Cache-Control', 'no-store');
      res.status(200).json(outcome);
    } catch (error) {
      if (error instanceof ResumeParseError) throw new HttpError(422, `parse_${error.code.replace(/-/g, '_')}`, error.message);
      throw error;
    } finally {
      parsing -= 1;
    }
  }));

  router.delete('/resumes/:resumeId', asyncRoute(async (req, res) => {
    if (!(await store.delete(userOf(res), resumeIdOf(req)))) throw new HttpError(404, 'file_not_found', 'No file is stored for this resume');
    res.status(204).end();
  }));

  return router;
}
