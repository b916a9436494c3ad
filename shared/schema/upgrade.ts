import { JOB_DOC_VERSION } from './job';

/**
 * Brings a job document written under an older schema version up to the
 * current one. Pulled documents from extensions not yet updated, and local
 * documents stored before an update, both pass through here. Versions 2 and 3
 * only added the version field and optional fields, so an older document
 * needs nothing but its version. Works on tombstones and CouchDB docs alike:
 * only the version is touched.
 */
export function upgradeJobDoc<T extends object>(doc: T): T & { schemaVersion: typeof JOB_DOC_VERSION } {
  const version = (doc as { schemaVersion?: unknown }).schemaVersion;
  if (version === JOB_DOC_VERSION) return doc as T & { schemaVersion: typeof JOB_DOC_VERSION };
  if (version !== undefined && version !== 1 && version !== 2) {
    throw new Error(`Unknown job schema version ${String(version)}: this extension knows up to ${JOB_DOC_VERSION}.`);
  }
  return { ...doc, schemaVersion: JOB_DOC_VERSION };
}
