import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { auditEntrySchema, chainEntry, PRUNED_THROUGH_SEQ, PRUNED_THROUGH_SHA256, verifyChain, type AuditEntry, type AuditEvent, type ChainReport } from './chain';
import { matchesAuditFilter, type AuditFilter } from './query';
import { createSerialQueue } from '../../shared/async/serial-queue';

/**
 * The audit log on disk: one JSON entry per line in <dataDir>/audit/log.jsonl,
 * only ever appended to, plus head.json naming the last entry written (so
 * entries cut off the end are noticed). A plain file rather than a PouchDB
 * database: `npm run audit:verify` can read it while the server runs (LevelDB
 * locks its files), and an operator can ship it with ordinary tools.
 */

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditEntry>;
  /** Matching entries, newest first, `limit` at a time; `beforeSeq` continues a page. */
  query(filter: AuditFilter, page: { limit: number; beforeSeq?: number | undefined }): Promise<{ entries: AuditEntry[]; nextBeforeSeq: number | null }>;
  /** Matching entries, oldest first, at most `max` (CSV export). */
  list(filter: AuditFilter, max: number): Promise<AuditEntry[]>;
  /**
   * Removes entries written before `cutoff`, keeping the chain verifiable: an
   * `audit.pruned` entry naming the last removed entry's number and hash is
   * appended first, and the verifier starts the chain there. Returns how many went.
   */
  prune(cutoff: Date): Promise<number>;
}

export interface AuditFiles {
  log: string;
  head: string;
}

export function auditFiles(dataDir: string): AuditFiles {
  const dir = path.join(dataDir, 'audit');
  return { log: path.join(dir, 'log.jsonl'), head: path.join(dir, 'head.json') };
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

/** Complete lines only: a line still being written (no newline yet) is not an entry. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((line) => line.length > 0);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readHead(file: string): Promise<{ seq: number; hash: string } | null> {
  const text = await readOrEmpty(file);
  if (!text) return null;
  const parsed = safeJson(text) as { seq?: unknown; hash?: unknown } | undefined;
  // An unreadable head only loses the check on the log's end; the chain itself still verifies.
  if (typeof parsed?.seq !== 'number' || typeof parsed.hash !== 'string') return null;
  return { seq: parsed.seq, hash: parsed.hash };
}

/**
 * The last complete line of a file, read backwards from its end: starting the
 * server must not cost a read of a log that grows with every sign-in.
 */
export async function readLastLine(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await fs.open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const chunkSize = 64 * 1024;
    let start = size;
    let tail = new Uint8Array(0);
    while (start > 0) {
      const from = Math.max(0, start - chunkSize);
      const chunk = new Uint8Array(start - from);
      await handle.read(chunk, 0, chunk.length, from);
      const joined = new Uint8Array(chunk.length + tail.length);
      joined.set(chunk);
      joined.set(tail, chunk.length);
      tail = joined;
      start = from;
      // Decoded whole, from a line boundary or the file's start, so no character is cut in two.
      const text = new TextDecoder().decode(tail);
      // Complete lines only: what follows the last newline is a line still being written.
      const complete = text.slice(0, Math.max(0, text.lastIndexOf('\n'))).replace(/\n+$/, '');
      const previousNewline = complete.lastIndexOf('\n');
      if (previousNewline >= 0 || start === 0) return complete.slice(previousNewline + 1) || null;
    }
    return null;
  } finally {
    await handle.close();
  }
}

/** Each stored entry in order; lines that are not valid entries are skipped (the verifier names them). */
async function* readEntries(file: string): AsyncGenerator<AuditEntry> {
  let stream;
  try {
    await fs.access(file);
    stream = createReadStream(file, { encoding: 'utf8' });
  } catch {
    return;
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    const entry = auditEntrySchema.safeParse(safeJson(line));
    if (entry.success) yield entry.data;
  }
}

export async function verifyAuditLog(dataDir: string): Promise<ChainReport> {
  const files = auditFiles(dataDir);
  return verifyChain(completeLines(await readOrEmpty(files.log)), await readHead(files.head));
}

/**
 * Opens the log for appending. Appends are queued so entries from concurrent
 * requests get consecutive numbers; one process writes a data directory at a
 * time (its LevelDB databases are locked), so no lock across processes.
 */
export async function openAuditLog(dataDir: string, log: (message: string) => void = console.error): Promise<AuditLog> {
  const files = auditFiles(dataDir);
  await fs.mkdir(path.dirname(files.log), { recursive: true, mode: 0o700 });
  let last: { seq: number; hash: string } | null = null;
  const lastLine = await readLastLine(files.log);
  if (lastLine) {
    const entry = auditEntrySchema.safeParse(safeJson(lastLine));
    // A mangled last line must not stop the server: chain onto its raw bytes (numbered after
    // the head, the last entry known written), and let npm run audit:verify name it.
    if (entry.success) last = { seq: entry.data.seq, hash: entry.data.hash };
    else {
      const head = await readHead(files.head);
      last = { seq: head?.seq ?? 0, hash: crypto.createHash('sha256').update(lastLine).digest('hex') };
      log(`Audit log ${files.log}: its last line is not a valid entry. Run npm run audit:verify; new entries continue the chain.`);
    }
  }

  const queue = createSerialQueue();
  /** One writer at a time: appends and the rewrite of a prune never interleave. */
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => queue('log', task);

  function appendEntry(event: AuditEvent): Promise<AuditEntry> {
    return exclusive(async () => {
      const entry = chainEntry(event, last, new Date());
      const handle = await fs.open(files.log, 'a', 0o600);
      try {
        await handle.appendFile(`${JSON.stringify(entry)}\n`, 'utf8');
        await handle.datasync();
      } finally {
        await handle.close();
      }
      // Written after the entry: a crash between the two leaves the head one behind, which verifies.
      const temporary = `${files.head}.tmp`;
      await fs.writeFile(temporary, JSON.stringify({ seq: entry.seq, hash: entry.hash }), { mode: 0o600 });
      await fs.rename(temporary, files.head);
      last = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
  }

  return {
    async query(filter, page) {
      // Newest first over a file kept in time order: one pass, holding only a page.
      const kept: AuditEntry[] = [];
      for await (const entry of readEntries(files.log)) {
        if (page.beforeSeq !== undefined && entry.seq >= page.beforeSeq) break;
        if (!matchesAuditFilter(entry, filter)) continue;
        kept.push(entry);
        if (kept.length > page.limit + 1) kept.shift();
      }
      kept.reverse();
      const more = kept.length > page.limit;
      const entries = kept.slice(0, page.limit);
      return { entries, nextBeforeSeq: more ? entries.at(-1)?.seq ?? null : null };
    },

    async list(filter, max) {
      const found: AuditEntry[] = [];
      for await (const entry of readEntries(files.log)) {
        if (!matchesAuditFilter(entry, filter)) continue;
        found.push(entry);
        if (found.length >= max) break;
      }
      return found;
    },

    async prune(cutoff): Promise<number> {
      let through: AuditEntry | null = null;
      let count = 0;
      for await (const entry of readEntries(files.log)) {
        if (Date.parse(entry.at) >= cutoff.getTime()) break;
        through = entry;
        count += 1;
      }
      if (!through) return 0;
      const last = through;
      await appendEntry({
        action: 'audit.pruned',
        actor: { type: 'system' },
        details: { [PRUNED_THROUGH_SEQ]: last.seq, [PRUNED_THROUGH_SHA256]: last.hash, pruned: count, olderThan: cutoff.toISOString() },
      });
      await exclusive(async () => {
        // Rewritten beside the log and renamed over it: a crash leaves the old file or the new one, never half.
        const temporary = `${files.log}.prune`;
        const out = await fs.open(temporary, 'w', 0o600);
        try {
          const stream = createReadStream(files.log, { encoding: 'utf8' });
          for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
            if (!line) continue;
            const seq = (safeJson(line) as { seq?: unknown } | undefined)?.seq;
            // Lines that are not entries stay, after the prefix: removing them would hide tampering.
            if (typeof seq === 'number' && seq <= last.seq) continue;
            await out.appendFile(`${line}\n`, 'utf8');
          }
          await out.datasync();
        } finally {
          await out.close();
        }
        await fs.rename(temporary, files.log);
      });
      return count;
    },

    append: appendEntry,
  };
}

