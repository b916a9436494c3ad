import type { Storage } from '../storage/types';
import { AUDIT_DATABASE, openCouchAuditLog } from './couch-log';
import { openAuditLog, type AuditLog } from './log';

/**
 * The audit log where the storage says instances keep what they share: a
 * database with COUCHDB_URL (one chain for every instance), else the file
 * under DATA_DIR (one process).
 */
export async function openServerAuditLog(storage: Pick<Storage, 'shared' | 'openSystemDatabase'>, dataDir: string, log: (message: string) => void = console.error): Promise<AuditLog> {
  if (storage.shared) return openCouchAuditLog(await storage.openSystemDatabase(AUDIT_DATABASE), log);
  return openAuditLog(dataDir, log);
}
