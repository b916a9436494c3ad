/**
 * What every replica must end up holding, computed from the writes alone.
 * A write is the committed (previous, next) pair of one upsertJobWith call,
 * with a time from one shared, strictly increasing clock. The merge's rules
 * then fix the result: each timed field takes its latest write (value and
 * field time), updatedAt is the latest write, createdAt the earliest create,
 * and the status history holds every entry any write appended.
 */
import { TIMED_FIELDS, type Job } from '../../shared/schema';
import { canonical, sameValue } from '../../shared/sync/merge-job';

type StatusChange = Job['statusHistory'][number];

export interface RecordedWrite {
  seq: number;
  client: string;
  jobId: string;
  time: string;
  kind: string;
  /** Timed fields this write changed (as stampFieldTimes sees it), with their new values. */
  fields: Map<string, unknown>;
  appended: StatusChange[];
  created: boolean;
}

export interface OracleCheck {
  /** Writes with at least one effect missing from the actual state. */
  lost: RecordedWrite[];
  /** Differences not explained by a lost write (extra jobs, extra history, wrong timestamps). */
  unexpected: string[];
  details: string[];
}

const historyKey = (change: StatusChange) => `${change.at}|${change.status}`;

/** Shared monotonic logical clock: ISO times 1 ms apart, so string order is time order. */
export function logicalClock(start = Date.parse('2025-01-01T00:00:00.000Z')) {
  let last = start;
  return () => {
    last += 1;
    return new Date(last).toISOString();
  };
}

export class Oracle {
  readonly writes: RecordedWrite[] = [];

  record(client: string, kind: string, previous: Job | undefined, next: Job): RecordedWrite {
    const fields = new Map<string, unknown>();
    for (const field of TIMED_FIELDS) {
      if (!previous || !sameValue(previous[field], next[field])) fields.set(field, next[field]);
    }
    const before = new Set((previous?.statusHistory ?? []).map(historyKey));
    const write: RecordedWrite = {
      seq: this.writes.length + 1,
      client,
      jobId: next.id,
      time: next.updatedAt,
      kind,
      fields,
      appended: next.statusHistory.filter((change) => !before.has(historyKey(change))),
      created: previous === undefined,
    };
    this.writes.push(write);
    return write;
  }

  /** Checks one replica's jobs (by id) against the writes. */
  check(actual: Map<string, Job>): OracleCheck {
    const byJob = new Map<string, RecordedWrite[]>();
    for (const write of this.writes) {
      const list = byJob.get(write.jobId) ?? [];
      list.push(write);
      byJob.set(write.jobId, list);
    }
    const lost = new Set<RecordedWrite>();
    const unexpected: string[] = [];
    const details: string[] = [];

    for (const id of actual.keys()) if (!byJob.has(id)) unexpected.push(`${id}: exists but nobody wrote it`);

    for (const [id, writes] of byJob) {
      const job = actual.get(id);
      if (!job) {
        for (const write of writes) lost.add(write);
        details.push(`${id}: missing (${writes.length} writes)`);
        continue;
      }
      const latest = new Map<string, RecordedWrite>();
      for (const write of writes) {
        for (const field of write.fields.keys()) {
          const current = latest.get(field);
          if (!current || write.time > current.time) latest.set(field, write);
        }
      }
      for (const [field, write] of latest) {
        const expected = write.fields.get(field);
        const value = (job as Record<string, unknown>)[field];
        const time = job.fieldTimes?.[field as keyof NonNullable<Job['fieldTimes']>];
        if (!sameValue(value, expected) || time !== write.time) {
          lost.add(write);
          details.push(`${id}.${field}: expected ${canonical(expected)} @${write.time} (write #${write.seq} by ${write.client}, ${write.kind}), got ${canonical(value)} @${time}`);
        }
      }
      const have = new Set(job.statusHistory.map(historyKey));
      const expectedHistory = new Set<string>();
      for (const write of writes) {
        for (const change of write.appended) {
          expectedHistory.add(historyKey(change));
          if (!have.has(historyKey(change))) {
            lost.add(write);
            details.push(`${id}.statusHistory: missing ${historyKey(change)} (write #${write.seq} by ${write.client})`);
          }
        }
      }
      for (const key of have) if (!expectedHistory.has(key)) unexpected.push(`${id}.statusHistory: unexpected entry ${key}`);

      const newest = writes.reduce((a, b) => (b.time > a.time ? b : a));
      if (job.updatedAt !== newest.time) {
        lost.add(newest);
        details.push(`${id}.updatedAt: expected ${newest.time} (write #${newest.seq}), got ${job.updatedAt}`);
      }
      const creates = writes.filter((write) => write.created);
      const firstCreate = creates.length > 0 ? creates.reduce((a, b) => (b.time < a.time ? b : a)).time : undefined;
      if (firstCreate !== undefined && job.createdAt !== firstCreate) {
        unexpected.push(`${id}.createdAt: expected ${firstCreate}, got ${job.createdAt}`);
      }
    }
    return { lost: [...lost], unexpected, details: [...details, ...unexpected] };
  }
}
