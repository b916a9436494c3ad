import type { Router } from 'express';
import type { z } from 'zod';
import { jsonBody } from '../auth/routes';
import { parseBody } from '../auth/validation';
import { asyncRoute } from '../errors';
import type { MlBodies, MlEngine, MlKind } from './engine';
import { ML_PATHS } from './paths';
import { atsBodySchema, feedbackBodySchema, interviewBodySchema, matchBodySchema, recommendBodySchema } from './schemas';

/**
 * The five ML routes on a router: body read (within its limit), validated,
 * answered by the engine. Both /api/ml (routes.ts, behind sign-in) and the
 * ML service (service/app.ts, behind its API key) mount them, so the two
 * cannot drift apart. Nothing here logs a body: resumes are personal data.
 */

/** Largest body of one resume and one job at the engine's cap, with room for JSON. */
export const ML_BODY_LIMIT_BYTES = 256 * 1024;
/** Recommendations and feedback take a resume and a list of jobs. */
export const ML_LIST_BODY_LIMIT_BYTES = 1024 * 1024;

type SchemaFor<K extends MlKind> = (body: unknown) => z.ZodType<MlBodies[K]>;

const SCHEMAS: { [K in MlKind]: SchemaFor<K> } = {
  match: matchBodySchema,
  ats: () => atsBodySchema,
  interview: () => interviewBodySchema,
  recommend: recommendBodySchema,
  feedback: feedbackBodySchema,
};

const LISTS: ReadonlySet<MlKind> = new Set(['recommend', 'feedback']);

/** `bodyLimitBytes`: the operator's BODY_LIMIT_BYTES, which wins when lower. */
export function addMlRoutes(router: Router, engine: MlEngine, bodyLimitBytes: number): void {
  for (const kind of Object.keys(ML_PATHS) as MlKind[]) {
    const limit = Math.min(bodyLimitBytes, LISTS.has(kind) ? ML_LIST_BODY_LIMIT_BYTES : ML_BODY_LIMIT_BYTES);
    router.post(ML_PATHS[kind], ...jsonBody(limit), asyncRoute(async (req, res) => {
      const body = parseBody((SCHEMAS[kind] as SchemaFor<MlKind>)(req.body), req.body);
      res.status(200).json(await engine.run(kind, body));
    }));
  }
}
