/**
 * What a device does when it learns the server's version of a document,
 * whether from a pull or from a push the server refused as a conflict: the
 * one place where a server version meets local edits.
 */

export interface ReconcileOps<S> {
  equal: (a: S, b: S) => boolean;
  /** Three-way merge: `base` is the server version the local edits started from (unknown for a document first seen on both sides). */
  merge: (base: S | undefined, local: S, remote: S) => S | Promise<S>;
}

export interface Reconciled<S> {
  /** The new local state, or undefined when the local one stays as it is. */
  write: S | undefined;
  /** Whether the local state, after the write, differs from the server's and must be pushed. */
  push: boolean;
}

/**
 * `base` is the server version this device last synced (undefined if none).
 * Without local edits since then the server's version is taken as it is;
 * with them, both sides are merged and the result pushed.
 */
export async function reconcile<S>(local: S | undefined, base: S | undefined, remote: S, ops: ReconcileOps<S>): Promise<Reconciled<S>> {
  if (local === undefined) return { write: remote, push: false };
  const unedited = base === undefined ? ops.equal(local, remote) : ops.equal(local, base);
  if (unedited) return { write: ops.equal(local, remote) ? undefined : remote, push: false };
  const merged = await ops.merge(base, local, remote);
  return { write: ops.equal(merged, local) ? undefined : merged, push: !ops.equal(merged, remote) };
}
