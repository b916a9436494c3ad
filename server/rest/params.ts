import type { Request } from 'express';
import { HttpError } from '../errors';

/** The `:id` of a document route; each route's DocKind then decides whether it can be an id at all. */
export function idParam(req: Request): string {
  const id = req.params.id;
  if (typeof id !== 'string') throw new HttpError(404, 'not_found', 'No document with this id');
  return id;
}
