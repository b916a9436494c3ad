import { canonical, sameValue } from './canonical';

/**
 * The parts of a three-way merge that jobs and resumes share: how a deletion
 * meets an edit, and which side's value of one field wins. Each document type
 * decides which fields there are and how they are read.
 */

export interface EditedState {
  updatedAt: string;
  fieldTimes?: Readonly<Record<string, string | undefined>> | undefined;
  _deleted?: boolean | undefined;
}

/** The time of the latest edit of any field. */
export function latestEdit(state: EditedState): string {
  let latest = state.updatedAt;
  for (const time of Object.values(state.fieldTimes ?? {})) if (time && time > latest) latest = time;
  return latest;
}

/**
 * A deletion wins only over edits older than it: an edit made on one device
 * after the document was deleted on another brings it back, merged.
 * The result does not depend on which side is "local".
 */
export function mergeWithDeletion<S extends EditedState>(
  base: S | undefined,
  local: S,
  remote: S,
  mergeLive: (base: S | undefined, local: S, remote: S) => S,
): S {
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

/** One field as each side holds it: its value, its effective edit time, and its own stamp (if any). */
export interface FieldOnEachSide {
  local: { value: unknown; time: string; stamp: string | undefined };
  remote: { value: unknown; time: string; stamp: string | undefined };
  /** Absent when there is no common ancestor. */
  base?: { value: unknown; stamp: string | undefined } | undefined;
}

/**
 * Whether the local value of a field wins: a field changed on one side only
 * takes that side's value; changed on both, the later edit, then the larger
 * canonical value, so every device picks the same.
 */
export function localSideWins({ local, remote, base }: FieldOnEachSide): boolean {
  if (sameValue(local.value, remote.value)) return local.time >= remote.time;
  // An edit back to the ancestor's value still counts: its time moved.
  const changed = (side: FieldOnEachSide['local']) => !base || !sameValue(side.value, base.value) || side.stamp !== base.stamp;
  const localChanged = changed(local);
  const remoteChanged = changed(remote);
  if (localChanged !== remoteChanged) return localChanged;
  if (local.time !== remote.time) return local.time > remote.time;
  return canonical(local.value) > canonical(remote.value);
}
