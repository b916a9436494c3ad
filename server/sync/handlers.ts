import type { Request, Response } from 'express';
import type { DatabaseLease } from '../storage/types';
import { admitWrites, type Admission, type QuotaUsage } from './admit-writes';
import type { SyncLimits } from './limits';
import { TOO_MANY_LONGPOLLS, type LongpollCounter } from './longpolls';
import type { SyncAllowed } from './gate';
import { MAX_CHANGES_LIMIT } from './gate';

/**
 * The replication routes the server answers itself instead of express-pouchdb,
 * because each needs a bound express-pouchdb cannot give: answers built row by
 * row within a byte budget, longpolls with a timeout and a per-user cap, and
 * writes checked against the user's quotas. Every write is new_edits:true
 * (the gate refuses anything else), so a write can extend a branch but never
 * start one: PouchDB answers a stale or missing _rev with a conflict row.
 */

export type SendSyncError = (res: Response, status: number, code: string, message: string) => void;

export interface HandlerContext {
  req: Request;
  res: Response;
  decision: SyncAllowed;
  held: DatabaseLease;
  limits: SyncLimits;
  sendError: SendSyncError;
}

const CHUNK = 100;
const DEFAULT_HEARTBEAT_MS = 6000;
export const DEFAULT_LONGPOLL_TIMEOUT_MS = 60_000;

function sendJsonText(res: Response, status: number, body: string): void {
  res.status(status).type('application/json').send(body);
}

/** A PouchDB failure in CouchDB's shape, as express-pouchdb would answer it. */
function sendPouchError(res: Response, error: unknown): void {
  const e = error as { status?: number; name?: string; message?: string } | null;
  const status = typeof e?.status === 'number' ? e.status : 500;
  res.status(status).json({ error: e?.name ?? 'error', reason: status >= 500 ? 'The database could not answer' : (e?.message ?? 'error') });
}

/**
 * PouchDB's sequences are integers. A CouchDB one (`274-g1AA...`, possibly
 * JSON-quoted) starts with a number no larger than the changes before it, so
 * reading from there repeats some changes and skips none.
 */
export function parseSince(since: string | undefined): number | 'now' {
  if (since === undefined) return 0;
  const unquoted = since.replace(/^"|"$/g, '');
  if (unquoted === 'now') return 'now';
  const leading = /^\d+/.exec(unquoted)?.[0];
  return leading === undefined ? 0 : Number(leading);
}

const flag = (value: string | undefined) => value === 'true';

interface ChangesPage {
  rows: string[];
  lastSeq: number | string;
  /** CouchDB's count of changes after this page; given only when known to be none (the feed ended within the page). */
  pending?: 0;
}

/**
 * One page of changes within the byte budget. Stopping early is valid CouchDB
 * paging: last_seq names the last row sent, and the client asks again from
 * there. The first row always goes, however large, so paging always advances.
 */
function readChanges(db: PouchDB.Database, options: PouchDB.Core.ChangesOptions, maxBytes: number, since: number | 'now'): Promise<ChangesPage> {
  return new Promise((resolve, reject) => {
    const rows: string[] = [];
    let bytes = 0;
    let lastSeq: number | string = since === 'now' ? 0 : since;
    let full = false;
    const feed = db.changes({ ...options, live: false, return_docs: false });
    feed.on('change', (change) => {
      if (full) return;
      const row = JSON.stringify(change);
      const size = Buffer.byteLength(row);
      if (rows.length > 0 && bytes + size > maxBytes) {
        full = true;
        feed.cancel();
        resolve({ rows, lastSeq });
        return;
      }
      rows.push(row);
      bytes += size;
      lastSeq = change.seq;
    });
    feed.on('complete', (info) => {
      if (full) return;
      // Fewer rows than the limit: the feed ended here. A full page may or may not have more behind it.
      const ended = typeof options.limit !== 'number' || rows.length < options.limit;
      resolve({ rows, lastSeq: rows.length > 0 ? lastSeq : info.last_seq, ...(ended ? { pending: 0 as const } : {}) });
    });
    feed.on('error', reject);
  });
}

const changesBody = (page: ChangesPage) =>
  `{"results":[${page.rows.join(',')}],"last_seq":${JSON.stringify(page.lastSeq)}${page.pending === undefined ? '' : `,"pending":${page.pending}`}}`;

export async function serveChanges(context: HandlerContext, longpolls: LongpollCounter, userId: string): Promise<void> {
  const { req, res, decision, held, limits } = context;
  const query = decision.query;
  const since = parseSince(query.since);
  const options: PouchDB.Core.ChangesOptions = {
    since,
    limit: Number(query.limit ?? MAX_CHANGES_LIMIT),
    include_docs: flag(query.include_docs),
    conflicts: flag(query.conflicts),
    descending: flag(query.descending),
    style: query.style === 'all_docs' ? 'all_docs' : 'main_only',
  };
  if (query.feed !== 'longpoll') {
    sendJsonText(res, 200, changesBody(await readChanges(held.db, options, limits.maxResponseBytes, since)));
    return;
  }
  const release = longpolls.take(userId);
  if (!release) {
    context.sendError(res, 429, 'too_many_longpolls', TOO_MANY_LONGPOLLS(limits.maxLongpolls));
    return;
  }
  try {
    const first = await readChanges(held.db, options, limits.maxResponseBytes, since);
    if (first.rows.length > 0) {
      sendJsonText(res, 200, changesBody(first));
      return;
    }
    await waitForChange(req, res, held.db, { ...options, since: first.lastSeq as number }, query, first.lastSeq, limits.maxResponseBytes);
  } finally {
    release();
  }
}

/** Waits for the next change, or answers an empty page after the timeout (CouchDB's longpoll). */
/** How long a woken longpoll waits for the rest of a burst (a _bulk_docs of many documents lands one by one). */
const BURST_MS = 20;

function waitForChange(
  req: Request,
  res: Response,
  db: PouchDB.Database,
  options: PouchDB.Core.ChangesOptions,
  query: Record<string, string>,
  lastSeq: number | string,
  maxBytes: number,
): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const heartbeatMs = query.heartbeat === undefined || query.heartbeat === 'false' ? 0 : query.heartbeat === 'true' ? DEFAULT_HEARTBEAT_MS : Number(query.heartbeat);
    const timeoutMs = query.timeout === undefined ? DEFAULT_LONGPOLL_TIMEOUT_MS : Number(query.timeout);
    const feed = db.changes({ ...options, live: true, return_docs: false });
    const finish = (body: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearInterval(heartbeat);
      res.off('close', onClose);
      feed.cancel();
      if (body !== null) {
        if (res.headersSent) res.end(body);
        else sendJsonText(res, 200, body);
      }
      resolve();
    };
    const onClose = () => finish(null);
    const timer = setTimeout(() => finish(changesBody({ rows: [], lastSeq })), timeoutMs);
    // Whitespace before the JSON keeps proxies from closing an idle connection.
    const heartbeat = setInterval(() => {
      if (!res.headersSent) res.status(200).type('application/json');
      res.write('\n');
    }, heartbeatMs > 0 ? heartbeatMs : 2 ** 31 - 1);
    res.on('close', onClose);
    let woken = false;
    feed.on('change', () => {
      if (woken) return;
      woken = true;
      // Answered with every change there is by then, as a normal page (byte-capped, with pending when the feed ended).
      setTimeout(() => {
        if (done) return;
        readChanges(db, { ...options, live: false }, maxBytes, lastSeq as number).then(
          (page) => finish(changesBody(page)),
          () => finish(changesBody({ rows: [], lastSeq })),
        );
      }, BURST_MS);
    });
    feed.on('error', () => finish(changesBody({ rows: [], lastSeq })));
  });
}

const tooLarge = (context: HandlerContext, what: string) =>
  context.sendError(context.res, 413, 'response_too_large',
    `The documents asked for in this ${what} take more than ${context.limits.maxResponseBytes} bytes; ask for fewer at a time`);

export async function serveAllDocs(context: HandlerContext): Promise<void> {
  const { req, res, decision, held, limits } = context;
  const body = (req.method === 'POST' ? req.body : {}) as { keys?: string[]; include_docs?: boolean };
  const keys = body.keys ?? (decision.query.keys === undefined ? undefined : (JSON.parse(decision.query.keys) as string[]));
  const includeDocs = body.include_docs === true || flag(decision.query.include_docs);
  const limit = Number(decision.query.limit);
  const rows: string[] = [];
  let bytes = 0;
  let totalRows = 0;
  const add = (found: { total_rows: number; rows: readonly unknown[] }) => {
    totalRows = found.total_rows;
    for (const row of found.rows) {
      const text = JSON.stringify(row);
      bytes += Buffer.byteLength(text);
      rows.push(text);
    }
    return bytes <= limits.maxResponseBytes;
  };
  if (keys) {
    for (let i = 0; i < keys.length; i += CHUNK) {
      if (!add(await held.db.allDocs({ keys: keys.slice(i, i + CHUNK), include_docs: includeDocs }))) return tooLarge(context, '_all_docs request');
    }
  } else {
    let after: string | undefined;
    while (rows.length < limit) {
      const page = await held.db.allDocs({ include_docs: includeDocs, limit: Math.min(CHUNK, limit - rows.length), ...(after === undefined ? {} : { startkey: after, skip: 1 }) });
      if (!add(page)) return tooLarge(context, '_all_docs request');
      if (page.rows.length === 0) break;
      after = page.rows[page.rows.length - 1]!.id;
    }
  }
  sendJsonText(res, 200, `{"total_rows":${totalRows},"offset":0,"rows":[${rows.join(',')}]}`);
}

export async function serveBulkGet(context: HandlerContext): Promise<void> {
  const { req, res, decision, held, limits } = context;
  const docs = (req.body as { docs: { id: string; rev?: string }[] }).docs;
  const options = { revs: flag(decision.query.revs), latest: flag(decision.query.latest), attachments: flag(decision.query.attachments) };
  const results: string[] = [];
  let bytes = 0;
  for (let i = 0; i < docs.length; i += CHUNK) {
    const found = await held.db.bulkGet({ ...options, docs: docs.slice(i, i + CHUNK) });
    for (const result of found.results) {
      const text = JSON.stringify({
        id: result.id,
        // express-pouchdb's shape for a revision that could not be read.
        docs: result.docs.map((info) => ('error' in info && info.error ? { error: (info.error as { name?: string }).name ?? info.error, reason: (info.error as { message?: string }).message } : info)),
      });
      bytes += Buffer.byteLength(text);
      if (bytes > limits.maxResponseBytes) return tooLarge(context, '_bulk_get request');
      results.push(text);
    }
  }
  sendJsonText(res, 200, `{"results":[${results.join(',')}]}`);
}

/**
 * What a write adds on disk, estimated from its request: LevelDB keeps the
 * document twice (by id with its revision tree, and by sequence) before
 * compaction, so twice the JSON errs on the side of the quota.
 */
const STORED_BYTES_PER_REQUEST_BYTE = 2;

/** Live documents a stored batch added: writes without a _rev create (or bring back) one, deletions take one away. */
function documentsAdded(docs: readonly Record<string, unknown>[], stored: readonly boolean[]): number {
  return docs.reduce<number>((sum, doc, i) => {
    if (!stored[i]) return sum;
    if (doc._deleted === true) return sum - 1;
    return doc._rev === undefined ? sum + 1 : sum;
  }, 0);
}

export async function serveBulkDocs(context: HandlerContext, usage: () => Promise<QuotaUsage>, noteWrites: (count: number, addedBytes: number, addedDocuments: number) => void): Promise<void> {
  const { req, res, held, limits } = context;
  const docs = (req.body as { docs: Record<string, unknown>[] }).docs;
  const requestBytes = Number(req.headers['content-length'] ?? 0) || Buffer.byteLength(JSON.stringify(docs));
  const admissions: Admission[] = admitWrites(docs, requestBytes, await usage(), limits);
  const admitted = docs.filter((_doc, i) => admissions[i]!.admit);
  const written = admitted.length > 0 ? await held.db.bulkDocs(admitted, { new_edits: true }) : [];
  const stored = written.map((row) => 'ok' in row && row.ok === true);
  noteWrites(stored.filter(Boolean).length, requestBytes * STORED_BYTES_PER_REQUEST_BYTE, documentsAdded(admitted, stored));
  let next = 0;
  const rows = admissions.map((admission) => {
    if (!admission.admit) return admission.row;
    const row = written[next++] as { id?: string; error?: unknown; name?: string; message?: string };
    return row.error ? { id: row.id, error: row.name, reason: row.message } : row;
  });
  res.status(201).json(rows);
}

export { sendPouchError };
