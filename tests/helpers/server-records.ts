/**
 * What a test server recorded for its operator, read where it keeps it in
 * either storage: DATA_DIR files (embedded) or its CouchDB databases (with
 * COUCHDB_URL, where every instance shares them).
 *
 * - `readAuditEntries(server)` → the audit log's entries, oldest first.
 * - `verifyServerAuditLog(server)` → the chain report npm run audit:verify prints.
 * - `tamperAuditEntry(server, seq, edit)` → `restore()`: replaces entry `seq` with what
 *   `edit` returns, or removes it when that is null, as an intruder with access to the
 *   storage would; `restore()` puts the original back.
 * - `readFirstOwnerMarker(server)` → `{ outcome, email, at }`, or null before the first owner is settled.
 */
import fs from 'node:fs/promises';
import type { AuditEntry, ChainReport } from '../../server/audit/chain';
import { AUDIT_DATABASE, verifyCouchAuditLog } from '../../server/audit/couch-log';
import { auditFiles, verifyAuditLog } from '../../server/audit/log';
import { createCouchClient } from '../../server/storage/couch/client';
import { createCouchDatabases } from '../../server/storage/couch/databases';
import { FIRST_OWNER_DATABASE, FIRST_OWNER_DOC_ID, firstOwnerMarker } from '../../server/admin/first-owner';
import type { CouchConfig } from '../../server/storage/couch/config';

export interface RecordingServer {
  dataDir: string;
  config: { couchdb: CouchConfig | null };
}

/** A request with the server's own credential, on a connection of its own (a kept-alive one may be closed under it). */
async function couchRequest(couch: CouchConfig, method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const client = createCouchClient(couch);
  try {
    return await client.json({ method, path: pathAndQuery, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } finally {
    client.close();
  }
}
const couchGet = (couch: CouchConfig, pathAndQuery: string) => couchRequest(couch, 'GET', pathAndQuery);

async function expectOk(answer: Promise<{ status: number; body: unknown }>, what: string): Promise<{ rev?: string }> {
  const { status, body } = await answer;
  if (status < 200 || status > 202) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
  return body as { rev?: string };
}

export async function readAuditEntries(server: RecordingServer): Promise<AuditEntry[]> {
  const couch = server.config.couchdb;
  if (!couch) {
    const text = await fs.readFile(auditFiles(server.dataDir).log, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEntry);
  }
  const range = `startkey=${encodeURIComponent('"entry:"')}&endkey=${encodeURIComponent('"entry:\ufff0"')}`;
  const answer = await couchGet(couch, `/${couch.prefix}${AUDIT_DATABASE}/_all_docs?include_docs=true&${range}`);
  if (answer.status === 404) return [];
  if (answer.status !== 200) throw new Error(`reading the audit log answered ${answer.status}`);
  return (answer.body as { rows: { doc: AuditEntry & { _id?: string; _rev?: string } }[] }).rows.map(({ doc }) => {
    const { _id, _rev, ...entry } = doc;
    return entry as AuditEntry;
  });
}

export async function verifyServerAuditLog(server: RecordingServer): Promise<ChainReport> {
  const couch = server.config.couchdb;
  if (!couch) return verifyAuditLog(server.dataDir);
  const client = createCouchClient(couch);
  try {
    return await verifyCouchAuditLog(createCouchDatabases(client).handle(AUDIT_DATABASE));
  } finally {
    client.close();
  }
}

export async function tamperAuditEntry(server: RecordingServer, seq: number, edit: (entry: AuditEntry) => AuditEntry | null): Promise<() => Promise<void>> {
  const couch = server.config.couchdb;
  if (!couch) {
    const file = auditFiles(server.dataDir).log;
    const original = await fs.readFile(file, 'utf8');
    const lines = original.split('\n').filter(Boolean).flatMap((line) => {
      const entry = JSON.parse(line) as AuditEntry;
      if (entry.seq !== seq) return [line];
      const changed = edit(entry);
      return changed ? [JSON.stringify(changed)] : [];
    });
    await fs.writeFile(file, `${lines.join('\n')}\n`);
    return () => fs.writeFile(file, original);
  }
  const docPath = `/${couch.prefix}${AUDIT_DATABASE}/entry:${String(seq).padStart(16, '0')}`;
  const { _id, _rev, ...entry } = (await couchGet(couch, docPath)).body as AuditEntry & { _id: string; _rev: string };
  const changed = edit(entry as AuditEntry);
  const written = changed
    ? await expectOk(couchRequest(couch, 'PUT', docPath, { ...changed, _rev }), 'editing an entry')
    : await expectOk(couchRequest(couch, 'DELETE', `${docPath}?rev=${_rev}`), 'removing an entry');
  return async () => {
    // Over the edit's revision, or over the removal's tombstone.
    await expectOk(couchRequest(couch, 'PUT', docPath, { ...entry, _rev: written.rev }), 'restoring an entry');
  };
}

export async function readFirstOwnerMarker(server: RecordingServer): Promise<{ outcome: string; email: string; at: string } | null> {
  const couch = server.config.couchdb;
  if (!couch) {
    const text = await fs.readFile(firstOwnerMarker(server.dataDir), 'utf8').catch(() => null);
    return text === null ? null : (JSON.parse(text) as { outcome: string; email: string; at: string });
  }
  const answer = await couchGet(couch, `/${couch.prefix}${FIRST_OWNER_DATABASE}/${FIRST_OWNER_DOC_ID}`);
  if (answer.status === 404) return null;
  const doc = answer.body as { state?: string; outcome: string; email: string; at: string };
  return doc.state === 'settled' ? doc : null;
}
