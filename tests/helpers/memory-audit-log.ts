import type { AuditEvent } from '../../server/audit/chain';
import type { AuditLog } from '../../server/audit/log';

/** An audit log that keeps what it is given in `events`: for tests of what is written, not of the file or database. */
export function memoryAuditLog(events: AuditEvent[]): AuditLog {
  return {
    append: async (event) => {
      events.push(event);
      return { ...event, details: event.details ?? {}, seq: events.length, at: new Date().toISOString(), prevHash: '0'.repeat(64), hash: '0'.repeat(64) } as never;
    },
    query: async () => ({ entries: [], nextBeforeSeq: null }),
    list: async () => [],
    prune: async () => 0,
  };
}
