/**
 * npm run audit:verify
 *
 * Walks the hash chain of DATA_DIR/audit/log.jsonl and names the first entry
 * that was edited or removed. Safe while the server runs (it only reads).
 * Exit codes: 0 intact, 1 broken or unreadable.
 */
import { dataDirFrom } from '../server/config';
import { auditFiles, verifyAuditLog } from '../server/audit/log';

async function main(): Promise<number> {
  const dataDir = dataDirFrom(process.env);
  const report = await verifyAuditLog(dataDir);
  const file = auditFiles(dataDir).log;
  if (report.intact) {
    const pruned = report.prunedThrough > 0 ? ` (entries 1 to ${report.prunedThrough} removed by retention, as the log records)` : '';
    console.log(report.count === 0 && report.prunedThrough === 0 ? `Audit log intact: no entries yet (${file}).` : `Audit log intact: ${report.count} entries${pruned}, last hash ${report.last?.hash ?? ''} (${file}).`);
    return 0;
  }
  console.error(`Audit log broken: ${report.message} (${file}).`);
  return 1;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error('audit:verify failed:', error);
  process.exit(1);
});
