import { canonical, sameValue } from '../../sync/canonical';
import { localSideWins, mergeWithDeletion } from '../../sync/three-way';
import { RESUME_TIMED_FIELDS, type Resume, type ResumeFieldTimes, type ResumeTimedField } from './resume-doc';

/** A resume as replication sees it: RxDB's WithDeleted<Resume>. */
export type ResumeState = Resume & { _deleted?: boolean };

function valueOf(state: ResumeState, field: ResumeTimedField): unknown {
  if (field === 'name' || field === 'active') return state[field];
  return state.resume?.[field];
}

function fieldTime(state: ResumeState, field: ResumeTimedField): string {
  return state.fieldTimes?.[field] ?? state.updatedAt;
}

/**
 * Merges two concurrent versions of a resume against their common ancestor:
 * - the name, the active flag and each section of the corrected resume
 *   (contact, summary, experience, ...) merge one by one: a part changed on
 *   one side only takes that side's value; changed on both, the later edit;
 * - what was parsed and the original's metadata never change after creation;
 * - a deletion wins only over edits older than it, so a resume edited on one
 *   device after it was deleted on another comes back whole.
 * The result does not depend on which side is "local".
 */
export function mergeResumeStates(base: ResumeState | undefined, local: ResumeState, remote: ResumeState): ResumeState {
  return mergeWithDeletion(base, local, remote, mergeLive);
}

function mergeLive(base: ResumeState | undefined, local: ResumeState, remote: ResumeState): ResumeState {
  // The parts that never change: if they differ at all, one deterministic pick keeps both devices equal.
  const fixed = canonical([local.file, local.outcome, local.parsed]) >= canonical([remote.file, remote.outcome, remote.parsed]) ? local : remote;
  const merged: Record<string, unknown> = { ...fixed, resume: { ...fixed.resume } };
  const resume = merged.resume as Record<string, unknown>;
  const times: ResumeFieldTimes = {};

  for (const field of RESUME_TIMED_FIELDS) {
    const localValue = valueOf(local, field);
    const remoteValue = valueOf(remote, field);
    const localTime = fieldTime(local, field);
    const remoteTime = fieldTime(remote, field);
    const takeLocal = localSideWins({
      local: { value: localValue, time: localTime, stamp: local.fieldTimes?.[field] },
      remote: { value: remoteValue, time: remoteTime, stamp: remote.fieldTimes?.[field] },
      base: base && { value: valueOf(base, field), stamp: base.fieldTimes?.[field] },
    });

    const value = takeLocal ? localValue : remoteValue;
    const target = field === 'name' || field === 'active' ? merged : resume;
    if (value === undefined) delete target[field];
    else target[field] = value;
    if (local.fieldTimes?.[field] !== undefined || remote.fieldTimes?.[field] !== undefined) times[field] = takeLocal ? localTime : remoteTime;
  }

  merged.createdAt = local.createdAt < remote.createdAt ? local.createdAt : remote.createdAt;
  merged.updatedAt = local.updatedAt > remote.updatedAt ? local.updatedAt : remote.updatedAt;
  if (Object.keys(times).length > 0) merged.fieldTimes = times;
  else delete merged.fieldTimes;
  delete merged._deleted;
  return merged as ResumeState;
}

/** Stamps the edit time of every timed field whose value differs from the previous version. */
export function stampResumeFieldTimes(previous: Resume | undefined, next: Resume): Resume {
  const times: ResumeFieldTimes = { ...(previous?.fieldTimes ?? {}), ...(next.fieldTimes ?? {}) };
  for (const field of RESUME_TIMED_FIELDS) {
    if (!previous || !sameValue(valueOf(previous, field), valueOf(next, field))) times[field] = next.updatedAt;
  }
  return { ...next, fieldTimes: times };
}
