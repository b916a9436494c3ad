/**
 * npm run audit:verify
 *
 * Walks the hash chain of the audit log and names the first entry that was
 * edited or removed (or, in a CouchDB cluster, written twice at once). The
 * log is DATA_DIR/audit/log.jsonl, or with COUCHDB_URL the audit_log
 * database every instance appends to. Safe while the server runs (it only
 * reads). Exit codes: 0 intact, 1 broken or unreadable, 2 bad settings.
 */
import { dataDirFrom } from '../server/config';
import { AUDIT_DATABASE, verifyCouchAuditLog } from '../server/audit/couch-log';
import { auditFiles, verifyAuditLog } from '../server/audit/log';
import type { ChainReport } from '../server/audit/chain';
import { createCouchClient } from '../server/storage/couch/client';
import { readCouchConfig } from '../server/storage/couch/config';
import { createCouchDatabases } from '../server/storage/couch/databases';

async function readReport(): Promise<{ report: ChainReport; where: string } | null> {
  const problems: string[] = [];
  const couch = readCouchConfig((name) => process.env[name]?.trim() || undefined, problems);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    return null;
  }
  if (!couch) {
    const dataDir = dataDirFrom(process.env);
    return { report: await verifyAuditLog(dataDir), where: auditFiles(dataDir).log };
  }
  const client = createCouchClient(couch);
  try {
    const databases = createCouchDatabases(client);
    return { report: await verifyCouchAuditLog(databases.handle(AUDIT_DATABASE)), where: `database ${databases.remoteName(AUDIT_DATABASE)} at ${couch.url}` };
  } finally {
    client.close();
  }
}

async function main(): Promise<number> {
  const read = await readReport();
  if (!read) return 2;
  const { report, where } = read;
  if (report.intact) {
    const pruned = report.prunedThrough > 0 ? ` (entries 1 to ${report.prunedThrough} removed by retention, as the log records)` : '';
    console.log(report.count === 0 && report.prunedThrough === 0 ? `Audit log intact: no entries yet (${where}).` : `Audit log intact: ${report.count} entries${pruned}, last hash ${report.last?.hash ?? ''} (${where}).`);
    return 0;
  }
  console.error(`Audit log broken: ${report.message} (${where}).`);
  return 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error('audit:verify failed:', error);
  process.exit(1);
});
