import { JOB_DOC_VERSION } from './job';

/** The versions a job document can be upgraded to (version 1 has no `schemaVersion`). */
export type JobDocTargetVersion = 2 | typeof JOB_DOC_VERSION;

/** A document's schema version; version 1 documents carry none. */
export function jobDocVersion(doc: object): unknown {
  return (doc as { schemaVersion?: unknown }).schemaVersion ?? 1;
}

/**
 * Brings a job document written under an older schema version up to the
 * current one, or to `to` when given (the server merging two copies brings the
 * older to the other's version, so a job an extension not yet updated wrote
 * stays readable by it). Pulled documents from extensions not yet updated, and
 * local documents stored before an update, both pass through here. Versions 2
 * and 3 only added the version field and optional fields, so an older document
 * needs nothing but its version. Works on tombstones and CouchDB docs alike:
 * only the version is touched.
 */
export function upgradeJobDoc<T extends object, V extends JobDocTargetVersion = typeof JOB_DOC_VERSION>(
  doc: T,
  to: V = JOB_DOC_VERSION as V,
): T & { schemaVersion: V } {
  const version = jobDocVersion(doc);
  if (version === to) return doc as T & { schemaVersion: V };
  if (version !== 1 && version !== 2 && version !== JOB_DOC_VERSION) {
    throw new Error(`Unknown job schema version ${String(version)}: this extension knows up to ${JOB_DOC_VERSION}.`);
  }
  // Never down: a later version may hold fields the earlier one cannot.
  if (version > to) throw new Error(`Cannot bring a job of schema version ${version} down to ${to}.`);
  return { ...doc, schemaVersion: to };
}
