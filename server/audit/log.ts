import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { auditEntrySchema, chainEntry, verifyChain, type AuditEntry, type AuditEvent, type ChainReport } from './chain';

/**
 * The audit log on disk: one JSON entry per line in <dataDir>/audit/log.jsonl,
 * only ever appended to, plus head.json naming the last entry written (so
 * entries cut off the end are noticed). A plain file rather than a PouchDB
 * database: `npm run audit:verify` can read it while the server runs (LevelDB
 * locks its files), and an operator can ship it with ordinary tools.
 */

export interface AuditLog {
  append(event: AuditEvent): Promise<AuditEntry>;
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
  const lines = completeLines(await readOrEmpty(files.log));
  let last: { seq: number; hash: string } | null = null;
  const lastLine = lines.at(-1);
  if (lastLine) {
    const entry = auditEntrySchema.safeParse(safeJson(lastLine));
    // A mangled last line must not stop the server: chain onto its raw bytes, and let the
    // verifier (below and in audit:verify) name it.
    last = entry.success
      ? { seq: entry.data.seq, hash: entry.data.hash }
      : { seq: lines.length, hash: crypto.createHash('sha256').update(lastLine).digest('hex') };
  }
  // Checked at start so tampering is reported by the server too, not only by audit:verify.
  const report = verifyChain(lines, await readHead(files.head));
  if (!report.intact) log(`Audit log ${files.log}: ${report.message}. Run npm run audit:verify; new entries continue the chain.`);

  let queue: Promise<unknown> = Promise.resolve();
  return {
    append(event) {
      const run = queue.then(async () => {
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
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
