/**
 * What one user may keep and ask for through /db. Not environment variables,
 * like the rate limits: the defaults fit one person's job search many times
 * over (the dashboard is built for 20,000 jobs); tests tighten them.
 */
export interface SyncLimits {
  /** Documents a user may hold, jobs and resumes databases together (deleted ones not counted). */
  maxDocuments: number;
  /** Bytes a user's databases may take on disk, together; checked before each write. */
  maxStoredBytes: number;
  /** `_local` documents (replication checkpoints) per database. */
  maxLocalDocuments: number;
  /** Body bytes of the documents one `_changes`, `_all_docs` or `_bulk_get` answer may carry. */
  maxResponseBytes: number;
  /** Longpoll `_changes` requests one user may hold open at once, on this server instance. */
  maxLongpolls: number;
  /** A database handle unused this long is closed (its LevelDB files and memory released). */
  idleDatabaseSeconds: number;
  /** A database is compacted after this many documents were written to it. */
  compactAfterWrites: number;
}

export const DEFAULT_SYNC_LIMITS: SyncLimits = {
  maxDocuments: 100_000,
  maxStoredBytes: 1024 * 1024 * 1024,
  maxLocalDocuments: 100,
  maxResponseBytes: 8 * 1024 * 1024,
  maxLongpolls: 12,
  idleDatabaseSeconds: 5 * 60,
  compactAfterWrites: 2000,
};
