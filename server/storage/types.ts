import type { RequestHandler } from 'express';
import type { AdminPermission, Role } from '../../shared/admin/permissions';
import type { CouchClient } from './couch/client';
import type { CouchDatabases } from './couch/databases';

/**
 * What the server needs from its storage, kept narrow so that the CouchDB
 * backend (COUCHDB_URL, storage/couch) replaces the embedded PouchDB one
 * without touching auth or the sync gate.
 */

/** shared/admin/permissions.ts decides what each role may do. */
export type UserRole = Role;

/** What a user may keep in their preferences: flat values only (see auth/validation.ts for the limits). */
export type PreferenceValue = string | number | boolean | null;

export interface UserRecord {
  id: string;
  /** Normalised: trimmed, lower-case. */
  email: string;
  name: string;
  /** PHC string (argon2id); null for an account that only signs in another way (OpenID Connect). */
  passwordHash: string | null;
  createdAt: string;
  /** Only an operator changes it, never the user's own requests. */
  role: UserRole;
  /** An admin's granted permissions; empty for users and owners (an owner holds them all). */
  permissions: AdminPermission[];
  emailVerified: boolean;
  /** https only. */
  avatarUrl: string | null;
  preferences: Record<string, PreferenceValue>;
  /** ISO time; tokens issued before it are refused. */
  passwordChangedAt: string | null;
  /** ISO time of "sign out everywhere"; tokens issued before it are refused. */
  sessionsRevokedAt: string | null;
  /** Hashes of (IP, user agent) seen at sign-in, newest last, to notice a new device. */
  knownDevices: string[];
  /** The OpenID Connect identity this account signs in with (server/oidc); absent when none. */
  oidc?: { issuer: string; subject: string } | undefined;
  /** ISO time the owner asked for deletion; set until every trace is gone (see account/service.ts). */
  deletionStartedAt?: string | undefined;
  /** ISO time an admin disabled the account: every sign-in and token is refused until it is enabled again. */
  disabledAt?: string | undefined;
  /** ISO time of the last authenticated request, written at most every few minutes (server/admin/activity.ts). */
  lastActiveAt?: string | undefined;
  /** ISO time of the last sync request, written likewise. */
  lastSyncAt?: string | undefined;
  /** UTC days (`YYYY-MM-DD`, oldest first, at most SYNC_DAYS_KEPT) on which the user's devices synced: active users for platform analytics. */
  syncDays?: string[] | undefined;
}

export interface UserStore {
  /** 'email_taken' when another account already uses the email; atomic per email. */
  create(user: UserRecord): Promise<'created' | 'email_taken'>;
  findByEmail(email: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  /**
   * Applies `change` to the record as it is now and stores the result, again
   * on a concurrent write, so one change never undoes another (a sign-in
   * noting its device must not put back the password a reset just replaced).
   * The email cannot change here. Null when the user no longer exists.
   */
  update(id: string, change: (current: UserRecord) => UserRecord): Promise<UserRecord | null>;
  /**
   * Marks the account as being deleted. From then on findById, findByEmail
   * and update treat it as gone (every token and sign-in is refused), while
   * the email stays claimed until delete() finishes.
   */
  markForDeletion(id: string): Promise<UserRecord | null>;
  /** Accounts whose deletion started and did not finish (a crash or a failed step midway). */
  pendingDeletions(): Promise<UserRecord[]>;
  /** Removes the record and frees its email. */
  delete(id: string): Promise<void>;
  /** Accounts whose role is not `user` (admins and owners), not being deleted. */
  listPrivileged(): Promise<UserRecord[]>;
  /**
   * Every account, a page at a time, those being deleted included (with
   * `deletionStartedAt`): the admin console's index and the list of
   * unfinished deletions are built from it, in one pass, at start.
   */
  scan(pageSize: number): AsyncGenerator<UserRecord[]>;
}

export type OneTimeCodePurpose = 'verify' | 'reset';

export interface OneTimeCodeRecord {
  purpose: OneTimeCodePurpose;
  email: string;
  userId: string;
  /** HMAC of the code (auth/codes.ts), never the code. */
  codeHash: string;
  expiresAt: string;
  sentAt: string;
  attempts: number;
}

export interface OneTimeCodeStore {
  get(purpose: OneTimeCodePurpose, email: string): Promise<OneTimeCodeRecord | null>;
  /** Replaces any earlier code for the same purpose and email. */
  put(record: OneTimeCodeRecord): Promise<void>;
  /** Counts one attempt and returns the count after it; null when there is no code. Concurrent attempts each count. */
  countAttempt(purpose: OneTimeCodePurpose, email: string): Promise<number | null>;
  delete(purpose: OneTimeCodePurpose, email: string): Promise<void>;
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
  /** Marks the user's token used; exactly one caller can consume a given jti. */
  consume(userId: string, jti: string): Promise<ConsumeResult>;
  revokeFamily(family: string): Promise<void>;
  isFamilyRevoked(family: string): Promise<boolean>;
  /** Revokes every family the user has; returns how many. */
  revokeAllForUser(userId: string): Promise<number>;
  /** Forgets every token of the user (account deletion). */
  deleteForUser(userId: string): Promise<void>;
}

/** A database held open for one request; the handle is not closed as idle until released. */
export interface DatabaseLease {
  db: PouchDB.Database;
  release(): void;
}

/** Opens (creating when missing) one of the server's own databases, which no sync route can name. */
export type SystemDatabaseOpener = <Content extends object>(name: string) => Promise<PouchDB.Database<Content>>;

export interface SyncDatabases {
  /**
   * True when `handler` streams `_changes`, `_all_docs` and `_bulk_get` from a
   * database server that pages them itself (CouchDB): the gate checks and
   * passes them on instead of building the answers row by row.
   */
  readsStreamed: boolean;
  /** Creates the database if missing. Only the server creates databases. */
  ensureDatabase(name: string): Promise<void>;
  /**
   * Whether the database exists. Embedded: a set this process keeps (it alone creates them).
   * CouchDB: another instance may have created it since this one started, so a name this
   * instance has not seen is looked up in CouchDB (a miss is remembered for a few seconds).
   */
  exists(name: string): Promise<boolean>;
  /** The database, created if missing, held open until `release()`. */
  lease(name: string): Promise<DatabaseLease>;
  /**
   * Counts documents written, to compact the database once enough have been.
   * `addedBytes` and `addedDocuments` (created less deleted), when the writer
   * knows them, adjust the cached size and count instead of measuring them
   * again on the next quota check.
   */
  noteWrites(name: string, count: number, addedBytes?: number, addedDocuments?: number): void;
  /** Bytes the database takes on disk (cached for a few seconds). 0 when it does not exist. */
  storedBytes(name: string): Promise<number>;
  /**
   * Live documents in the database, for the quota check of every write. Where
   * counting costs a round trip (CouchDB) it is cached (30 s with CouchDB), kept
   * up by this instance's own writes: other instances' writes show up when it
   * expires, so a user writing through several at once can pass the quota by
   * what the rate limit lets through in those seconds. 0 when it does not exist.
   */
  documentCount(name: string): Promise<number>;
  /** The database itself (created if missing), for server-side writes such as the extension's jobs routes. */
  open(name: string): Promise<PouchDB.Database>;
  /** Names of the existing databases that start with `prefix`. */
  list(prefix: string): Promise<string[]>;
  /** Every current document of a database (no deleted ones), for data export. */
  readAll(name: string): Promise<Record<string, unknown>[]>;
  /** Deletes the database and its files; no-op when it does not exist. */
  destroy(name: string): Promise<void>;
  /**
   * Serves the CouchDB replication protocol for paths relative to its mount
   * point (`/<db>/...`). Must only be reached through the sync gate.
   */
  handler: RequestHandler;
}

/** One account's change as another instance (or this one) made it: its record now, or null once it is gone for good. */
export interface UserChange {
  id: string;
  user: UserRecord | null;
}

/** The users database's changes, for an index that must see what every instance writes. */
export interface UserChangeFeed {
  /** Where the feed is now (opaque: CouchDB's sequences are strings); taken before a scan, followed from after it. */
  now(): Promise<string>;
  /** Calls `apply` with every change after `since`, in order, until stopped; failures are retried with backoff. */
  follow(since: string, apply: (changes: UserChange[]) => void): { stop(): Promise<void> };
}

/**
 * Present when several server instances may share these databases (COUCHDB_URL): what they
 * would otherwise keep apart in memory or on disk lives in the database (see README, Deployment).
 */
export interface SharedStorage {
  userChanges: UserChangeFeed;
}

export interface Storage {
  users: UserStore;
  refreshTokens: RefreshTokenStore;
  oneTimeCodes: OneTimeCodeStore;
  syncDatabases: SyncDatabases;
  /** The server's other databases (device keys, second factors, sign-in links, …), beside users and tokens. */
  openSystemDatabase: SystemDatabaseOpener;
  /**
   * With COUCHDB_URL: the server's HTTP client to CouchDB and its database
   * helper, for the stores that stream bytes PouchDB would hold whole
   * (resume originals as attachments). Absent in the embedded mode.
   */
  couch?: { client: CouchClient; databases: CouchDatabases };
  /** Set with COUCHDB_URL only; the embedded storage belongs to one process. */
  shared?: SharedStorage;
  /** Releases every database handle (LevelDB locks included). */
  close(): Promise<void>;
}
