/**
 * Which documents of one `_bulk_docs` a user's quotas let through. Pure, so
 * the rules are tested without a server. Refusals are per document, in
 * CouchDB's row shape: the rest of the batch is stored, so a user at the limit
 * can still edit and delete what they have (a deletion always passes; it is
 * how they get back under).
 */

export interface QuotaUsage {
  /** Live documents the user holds now. */
  documents: number;
  /** Bytes the user's databases take on disk now. */
  storedBytes: number;
}

export interface QuotaLimits {
  maxDocuments: number;
  maxStoredBytes: number;
}

export type QuotaCode = 'quota_documents' | 'quota_bytes';

export interface RefusedRow {
  id: string | undefined;
  error: 'forbidden';
  reason: string;
  code: QuotaCode;
}

export type Admission = { admit: true } | { admit: false; row: RefusedRow };

interface WrittenDoc {
  _id?: unknown;
  _rev?: unknown;
  _deleted?: unknown;
}

export function admitWrites(docs: readonly WrittenDoc[], requestBytes: number, usage: QuotaUsage, limits: QuotaLimits): Admission[] {
  let newDocumentsLeft = Math.max(0, limits.maxDocuments - usage.documents);
  // The request's own size counts: a batch that fits in the body limit can still fill the disk.
  const overBytes = usage.storedBytes + requestBytes > limits.maxStoredBytes;
  return docs.map((doc) => {
    const id = typeof doc._id === 'string' ? doc._id : undefined;
    if (doc._deleted === true) return { admit: true };
    if (overBytes) {
      return { admit: false, row: { id, error: 'forbidden', code: 'quota_bytes', reason: `Your synced data has reached its storage limit of ${limits.maxStoredBytes} bytes; delete jobs or resumes to store more` } };
    }
    // Without a _rev the write creates a document (or brings back a deleted one): it adds to the count.
    if (doc._rev === undefined) {
      if (newDocumentsLeft === 0) {
        return { admit: false, row: { id, error: 'forbidden', code: 'quota_documents', reason: `You have reached the limit of ${limits.maxDocuments} synced documents; delete some to add more` } };
      }
      newDocumentsLeft -= 1;
    }
    return { admit: true };
  });
}
