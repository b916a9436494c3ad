import { cyrb53 } from '../jobs/url-id';

/** A stable hash in base 36, for ids that must come out the same on every import of the same row. Not cryptographic. */
export function stableHash(text: string): string {
  return cyrb53(text).toString(36);
}
