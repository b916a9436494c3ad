import type { Request } from 'express';
import { HttpError } from '../errors';

const ETAG = /^(?:W\/)?"([^"]{1,200})"$|^([^",\s]{1,200})$/;

/**
 * The revision the client's copy is at, from `If-Match` (an ETag this API
 * gave) or the body's `_rev`. Never a precondition that fails: an older
 * revision is merged (user-docs.ts), so both may be absent.
 */
export function knownRevision(req: Request, bodyRev: string | undefined): string | undefined {
  const header = req.get('if-match');
  let headerRev: string | undefined;
  if (header !== undefined && header.trim() !== '*') {
    const match = ETAG.exec(header.trim());
    if (!match) throw new HttpError(400, 'validation_failed', 'Invalid If-Match', { 'If-Match': 'must be one ETag this API gave' });
    headerRev = match[1] ?? match[2];
  }
  if (headerRev !== undefined && bodyRev !== undefined && headerRev !== bodyRev) {
    throw new HttpError(400, 'validation_failed', 'If-Match and _rev name different revisions', { _rev: 'differs from If-Match' });
  }
  return headerRev ?? bodyRev;
}
