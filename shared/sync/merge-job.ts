import { TIMED_FIELDS, type Job, type TimedField } from '../schema/job';
import { canonical, sameValue } from './canonical';
import { localSideWins, mergeWithDeletion } from './three-way';

export { canonical, sameValue };

/** A job as replication sees it: RxDB's WithDeleted<Job>. */
export type JobState = Job & { _deleted?: boolean };

type StatusChange = Job['statusHistory'][number];
type FieldTimes = NonNullable<Job['fieldTimes']>;

function fieldTime(state: JobState, field: TimedField): string {
  return state.fieldTimes?.[field] ?? state.updatedAt;
}

const changeKey = (change: StatusChange) => `${change.at}|${change.status}`;

/**
 * Three-way set merge: an entry added on either side is kept; an entry of the
 * ancestor stays only if neither side removed it (an undone capture, a deleted
 * note). Entries are compared whole, so an entry edited on both sides keeps
 * both edited versions rather than losing one. Sorted, so both sides agree.
 */
function mergeSet<T>(
  base: readonly T[] | undefined,
  local: readonly T[],
  remote: readonly T[],
  key: (entry: T) => string,
  order: (a: T, b: T) => number,
): T[] {
  const inBase = new Set((base ?? []).map(key));
  const inLocal = new Set(local.map(key));
  const inRemote = new Set(remote.map(key));
  const byKey = new Map<string, T>();
  for (const entry of [...local, ...remote]) {
    const entryKey = key(entry);
    if (!inBase.has(entryKey) || (inLocal.has(entryKey) && inRemote.has(entryKey))) byKey.set(entryKey, entry);
  }
  return [...byKey.values()].sort(order);
}

const byKeyOrder = <T>(key: (entry: T) => string) => (a: T, b: T) => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** Entries that carry a time sort by it, so a merged list reads in the order things happened. */
const byTimeThenKey = <T extends { at: string }>(key: (entry: T) => string) => (a: T, b: T) =>
  a.at === b.at ? byKeyOrder(key)(a, b) : a.at < b.at ? -1 : 1;

/** The list fields that merge as sets, each absent when empty on both sides. */
const SET_FIELDS = {
  notes: byTimeThenKey<{ at: string }>(canonical),
  contacts: byKeyOrder<unknown>(canonical),
  interviews: byTimeThenKey<{ at: string }>(canonical),
  tags: byKeyOrder<unknown>(canonical),
} as const;

function mergeSetFields(merged: Record<string, unknown>, base: JobState | undefined, local: JobState, remote: JobState) {
  for (const [field, order] of Object.entries(SET_FIELDS) as [keyof typeof SET_FIELDS, (a: never, b: never) => number][]) {
    if (local[field] === undefined && remote[field] === undefined) {
      delete merged[field];
      continue;
    }
    const list = mergeSet<unknown>(base?.[field], local[field] ?? [], remote[field] ?? [], canonical, order as (a: unknown, b: unknown) => number);
    merged[field] = list;
  }
}

/**
 * Merges two concurrent versions of a job against their common ancestor,
 * field by field, so that an edit is lost only when a later edit of the same
 * field replaced it:
 * - a field changed on one side only takes that side's value;
 * - a field changed on both sides takes the later edit (per-field times);
 * - the status history, notes, contacts, interviews and tags are sets: every
 *   entry added on either side is kept, and one removed on either side goes;
 * - a deletion wins only over edits older than it.
 * The result does not depend on which side is "local", so every device that
 * resolves the same conflict reaches the same document.
 */
export function mergeJobStates(base: JobState | undefined, local: JobState, remote: JobState): JobState {
  return mergeWithDeletion(base, local, remote, mergeLive);
}

function mergeLive(base: JobState | undefined, local: JobState, remote: JobState): JobState {
  const merged: Record<string, unknown> = { ...local };
  const times: FieldTimes = {};

  for (const field of TIMED_FIELDS) {
    const localValue = local[field];
    const remoteValue = remote[field];
    const localTime = fieldTime(local, field);
    const remoteTime = fieldTime(remote, field);
    const takeLocal = localSideWins({
      local: { value: localValue, time: localTime, stamp: local.fieldTimes?.[field] },
      remote: { value: remoteValue, time: remoteTime, stamp: remote.fieldTimes?.[field] },
      base: base && { value: base[field], stamp: base.fieldTimes?.[field] },
    });

    const value = takeLocal ? localValue : remoteValue;
    if (value === undefined) delete merged[field];
    else merged[field] = value;
    const time = takeLocal ? localTime : remoteTime;
    if (local.fieldTimes?.[field] !== undefined || remote.fieldTimes?.[field] !== undefined) times[field] = time;
  }

  merged.statusHistory = mergeSet(base?.statusHistory, local.statusHistory, remote.statusHistory, changeKey, byTimeThenKey(changeKey));
  mergeSetFields(merged, base, local, remote);
  merged.createdAt = local.createdAt < remote.createdAt ? local.createdAt : remote.createdAt;
  merged.updatedAt = local.updatedAt > remote.updatedAt ? local.updatedAt : remote.updatedAt;
  if (Object.keys(times).length > 0) merged.fieldTimes = times;
  else delete merged.fieldTimes;
  delete merged._deleted;
  return merged as JobState;
}

/**
 * Stamps `fieldTimes` for every field whose value differs from the previous
 * version. Every local write goes through this, so the merge knows when each
 * field was last edited.
 */
export function stampFieldTimes(previous: Job | undefined, next: Job): Job {
  const times: FieldTimes = { ...(previous?.fieldTimes ?? {}), ...(next.fieldTimes ?? {}) };
  for (const field of TIMED_FIELDS) {
    if (!previous || !sameValue(previous[field], next[field])) times[field] = next.updatedAt;
  }
  return { ...next, fieldTimes: times };
}
