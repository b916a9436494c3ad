import { normalizeMangoQuery, prepareQuery, type MangoQuery, type RxCollection, type RxDocumentData, type WithDeleted } from 'rxdb';

/**
 * The sync engine's access to a collection's documents: through RxDB's
 * storage instance, as RxDB's own replication did, so queries, the document
 * cache and other extension pages see every write as usual.
 */

/** The context of every write the engine makes; change listeners tell them from the person's own writes by it. */
export const SYNC_WRITE_CONTEXT = 'trackruit-sync';

/** Where a walk of the local change history stands: RxDB's last-write time, then the id. */
export interface LocalPosition {
  lwt: number;
  id: string;
}

export type LocalDoc<T> = RxDocumentData<T>;

/** A document as the engine compares, merges and sends it: no RxDB metadata, `_deleted` always set. */
export function stateOf<T>(doc: LocalDoc<T>): WithDeleted<T> {
  const { _meta: _m, _rev: _r, _attachments: _a, ...rest } = doc as LocalDoc<T> & Record<string, unknown>;
  return { ...rest, _deleted: doc._deleted === true } as unknown as WithDeleted<T>;
}

export interface LocalWrite<T> {
  /** What the write replaces; the write fails for this row if the document changed since. */
  previous: LocalDoc<T> | undefined;
  state: WithDeleted<T>;
}

export class LocalDocs<T> {
  readonly primaryPath: string;

  constructor(private readonly collection: RxCollection<T>) {
    this.primaryPath = collection.schema.primaryPath as string;
  }

  private get storage() {
    return this.collection.storageInstance;
  }

  idOf(doc: LocalDoc<T> | WithDeleted<T>): string {
    return (doc as Record<string, unknown>)[this.primaryPath] as string;
  }

  /** Current documents by id, deleted ones included. */
  async read(ids: readonly string[]): Promise<Map<string, LocalDoc<T>>> {
    if (ids.length === 0) return new Map();
    const docs = await this.storage.findDocumentsById([...ids], true);
    return new Map(docs.map((doc) => [this.idOf(doc), doc]));
  }

  /**
   * Writes each row only if its document is still `previous` (RxDB's storage
   * refuses it with 409 otherwise: the person wrote in between, and the
   * caller merges again). Returns the ids written and the ids refused.
   */
  async write(rows: readonly LocalWrite<T>[]): Promise<{ written: string[]; changedMeanwhile: string[] }> {
    if (rows.length === 0) return { written: [], changedMeanwhile: [] };
    const result = await this.storage.bulkWrite(
      rows.map(({ previous, state }) => ({
        ...(previous ? { previous } : {}),
        // RxDB's storage wrapper sets the revision and write time.
        document: { ...state, _attachments: {}, _meta: previous ? { ...previous._meta } : { lwt: 0 }, _rev: previous?._rev ?? '' } as unknown as LocalDoc<T>,
      })),
      SYNC_WRITE_CONTEXT,
    );
    const changedMeanwhile: string[] = [];
    for (const error of result.error) {
      if (error.status === 409) changedMeanwhile.push(error.documentId);
      else throw new Error(`Could not store ${error.documentId} on this device (status ${error.status})`);
    }
    const refused = new Set(changedMeanwhile);
    return { written: rows.map((row) => this.idOf(row.state)).filter((id) => !refused.has(id)), changedMeanwhile };
  }

  /**
   * Documents written after `since`, oldest first. Two index range queries
   * instead of RxDB's generic `$or`, which its Dexie storage answers by
   * walking every document with the same write time again for each page:
   * after one bulk insert, all of them (tests/bench measured that superlinear).
   */
  async changedSince(since: LocalPosition | undefined, limit: number): Promise<{ docs: LocalDoc<T>[]; position: LocalPosition | undefined }> {
    const primary = this.primaryPath;
    const docs: LocalDoc<T>[] = [];
    if (since) {
      docs.push(
        ...(await this.query({
          selector: { '_meta.lwt': { $eq: since.lwt }, [primary]: { $gt: since.id } },
          sort: [{ '_meta.lwt': 'asc' }, { [primary]: 'asc' }],
          limit,
        } as MangoQuery<LocalDoc<T>>)),
      );
    }
    if (docs.length < limit) {
      docs.push(
        ...(await this.query({
          selector: { '_meta.lwt': { $gt: since?.lwt ?? 0 } },
          sort: [{ '_meta.lwt': 'asc' }, { [primary]: 'asc' }],
          limit: limit - docs.length,
        } as MangoQuery<LocalDoc<T>>)),
      );
    }
    const last = docs.at(-1);
    return { docs, position: last ? { lwt: last._meta.lwt, id: this.idOf(last) } : since };
  }

  private async query(mango: MangoQuery<LocalDoc<T>>): Promise<LocalDoc<T>[]> {
    const schema = this.storage.schema;
    // No `_deleted` condition, unlike collection queries: a local deletion is a change to push too.
    const prepared = prepareQuery(schema, normalizeMangoQuery(schema, mango as never));
    return (await this.storage.query(prepared)).documents;
  }
}
