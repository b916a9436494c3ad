/**
 * Follows one of the server's own databases as other server instances write
 * it (CouchDB mode): PouchDB's live changes feed, started again from the last
 * sequence seen when it fails (PouchDB's feed over HTTP ends on the first
 * error; it has no retry of its own), waiting longer after each failure in a
 * row, up to `maxBackoffMs`.
 */

export interface ChangesFollower {
  stop(): void;
}

export interface FollowOptions<Content extends object> {
  /** A changed document (with `include_docs`), or its id with `deleted` when it was removed. */
  onChange(change: { id: string; deleted: boolean; doc: (Content & PouchDB.Core.IdMeta & PouchDB.Core.GetMeta) | undefined }): void;
  log: (message: string, error?: unknown) => void;
  /** What the log calls the database (never its URL: over HTTP that holds the credentials). */
  label: string;
  /** The update sequence read before the documents were loaded, so that nothing written meanwhile is missed. */
  since: string | number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

export function followChanges<Content extends object>(db: PouchDB.Database<Content>, options: FollowOptions<Content>): ChangesFollower {
  const minBackoffMs = options.minBackoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let since = options.since;
  let feed: PouchDB.Core.Changes<Content> | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;

  function start(): void {
    if (stopped) return;
    feed = db.changes<Content>({ live: true, since, include_docs: true });
    feed.on('change', (change) => {
      failures = 0;
      since = change.seq;
      options.onChange({ id: change.id, deleted: change.deleted === true, doc: change.doc });
    });
    feed.on('error', (error) => {
      if (stopped) return;
      failures += 1;
      const delay = Math.min(maxBackoffMs, minBackoffMs * 2 ** (failures - 1));
      // Said once per outage, not at every attempt.
      if (failures === 1) options.log(`Following ${options.label} failed; trying again every ${minBackoffMs} to ${maxBackoffMs} ms`, error);
      retry = setTimeout(start, delay);
      retry.unref();
    });
  }

  start();
  return {
    stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      feed?.cancel();
    },
  };
}
