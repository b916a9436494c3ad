import type { RequestHandler } from 'express';

/**
 * What the server needs from its storage, kept narrow so that a CouchDB
 * backend (COUCHDB_URL) can replace the embedded PouchDB one later without
 * touching auth or the sync gate.
 */

export interface UserRecord {
  id: string;
  /** Normalised: trimmed, lower-case. */
  email: string;
  name: string;
  /** PHC string (argon2id). */
  passwordHash: string;
  createdAt: string;
}

export interface UserStore {
  /** 'email_taken' when another account already uses the email; atomic per email. */
  create(user: UserRecord): Promise<'created' | 'email_taken'>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
}

export interface RefreshTokenRecord {
  jti: string;
  userId: string;
  family: string;
  expiresAt: string;
}

export type ConsumeResult =
  | { status: 'consumed'; record: RefreshTokenRecord }
  /** Already used (or used concurrently): the signal of a stolen token. */
  | { status: 'reused'; record: RefreshTokenRecord }
  | { status: 'unknown' };

export interface RefreshTokenStore {
  save(record: RefreshTokenRecord): Promise<void>;
  /** Marks the token used; exactly one caller can consume a given jti. */
  consume(jti: string): Promise<ConsumeResult>;
  revokeFamily(family: string): Promise<void>;
  isFamilyRevoked(family: string): Promise<boolean>;
}

export interface SyncDatabases {
  /** Creates the database if missing. Only the server creates databases. */
  ensureDatabase(name: string): Promise<void>;
  /** The database itself (created if missing), for server-side writes such as the extension's jobs routes. */
  open(name: string): Promise<PouchDB.Database>;
  /**
   * Serves the CouchDB replication protocol for paths relative to its mount
   * point (`/<db>/...`). Must only be reached through the sync gate.
   */
  handler: RequestHandler;
}

export interface Storage {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  syncDatabases: SyncDatabases;
  /** Releases every database handle (LevelDB locks included). */
  close(): Promise<void>;
}
