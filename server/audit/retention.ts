import type { AuditLog } from './log';

/**
 * AUDIT_RETENTION_DAYS: prunes the audit log at start and once a day
 * (log.ts keeps the chain verifiable across a prune). A failed prune is
 * logged and tried again the next day; it never stops the server.
 */
export function scheduleAuditRetention(audit: AuditLog, days: number, log: (message: string, error?: unknown) => void): { stop(): void; done: Promise<void> } {
  const dayMs = 24 * 60 * 60 * 1000;
  const prune = () => audit.prune(new Date(Date.now() - days * dayMs)).then(
    (count) => { if (count > 0) log(`Audit log: removed ${count} entries older than ${days} days (AUDIT_RETENTION_DAYS)`); },
    (error: unknown) => log('Audit log: pruning old entries failed', error),
  );
  const done = prune();
  const timer = setInterval(() => void prune(), dayMs);
  timer.unref();
  return { stop: () => clearInterval(timer), done };
}
