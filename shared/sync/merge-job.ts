import { TIMED_FIELDS, type Job, type TimedField } from '../schema/job';

/** A job as replication sees it: RxDB's WithDeleted<Job>. */
export type JobState = Job & { _deleted?: boolean };

type StatusChange = Job['statusHistory'][number];
type FieldTimes = NonNullable<Job['fieldTimes']>;

/**
 * Canonical JSON: key order does not matter, so two equal values always give
 * the same string on every device. Used for equality and as the final,
 * symmetric tie-break.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** What `canonical` writes as `null`. */
function asJson(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

function definedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/**
 * `canonical(a) === canonical(b)`, without building either string: this runs
 * for every document replication compares, where the strings and their key
 * sorts were the largest cost of comparing.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const x = asJson(a);
  const y = asJson(b);
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  if (Array.isArray(x)) {
    const ys = y as unknown[];
    return x.length === ys.length && x.every((item, i) => sameValue(item, ys[i]));
  }
  const xo = x as Record<string, unknown>;
  const yo = y as Record<string, unknown>;
  const keys = definedKeys(xo);
  if (keys.length !== definedKeys(yo).length) return false;
  return keys.every((key) => Object.hasOwn(yo, key) && yo[key] !== undefined && sameValue(xo[key], yo[key]));
}

function fieldTime(state: JobState, field: TimedField): string {
  return state.fieldTimes?.[field] ?? state.updatedAt;
}

/** Positive when `a` wins. Later edit first; on a tie the larger canonical value, so both sides agree. */
function compareEdits(aTime: string, aValue: unknown, bTime: string, bValue: unknown): number {
  if (aTime !== bTime) return aTime > bTime ? 1 : -1;
  const a = canonical(aValue);
  const b = canonical(bValue);
  return a === b ? 0 : a > b ? 1 : -1;
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

function latestEdit(state: JobState): string {
  let latest = state.updatedAt;
  for (const time of Object.values(state.fieldTimes ?? {})) if (time && time > latest) latest = time;
  return latest;
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
  if (sameValue(local, remote)) return local;

  const localDeleted = local._deleted === true;
  const remoteDeleted = remote._deleted === true;
  if (localDeleted !== remoteDeleted) {
    const [deleted, kept] = localDeleted ? [local, remote] : [remote, local];
    // The deletion covers what the other side had edited up to the time of deleting.
    return deleted.updatedAt >= latestEdit(kept) ? deleted : { ...mergeLive(base, local, remote), _deleted: false };
  }
  const merged = mergeLive(base, local, remote);
  return localDeleted ? { ...merged, _deleted: true } : merged;
}

function mergeLive(base: JobState | undefined, local: JobState, remote: JobState): JobState {
  const merged: Record<string, unknown> = { ...local };
  const times: FieldTimes = {};

  for (const field of TIMED_FIELDS) {
    const localValue = local[field];
    const remoteValue = remote[field];
    const localTime = fieldTime(local, field);
    const remoteTime = fieldTime(remote, field);
    // An edit that went back to the ancestor's value still counts: its time moved.
    const changed = (side: JobState) =>
      !base || !sameValue(side[field], base[field]) || side.fieldTimes?.[field] !== base.fieldTimes?.[field];
    const localChanged = changed(local);
    const remoteChanged = changed(remote);
    let takeLocal: boolean;
    if (sameValue(localValue, remoteValue)) takeLocal = localTime >= remoteTime;
    else if (localChanged !== remoteChanged) takeLocal = localChanged;
    else takeLocal = compareEdits(localTime, localValue, remoteTime, remoteValue) > 0;

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
