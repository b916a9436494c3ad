/**
 * One writer per database at a time within this process: each run starts when
 * the previous one for the same name has settled, so a read-check-write (a
 * checkpoint taking the last place, a REST edit merged with the stored
 * version) is not interleaved with another of its kind. Writes from other
 * paths (replication) still meet PouchDB's own revision check.
 */
const queues = new Map<string, Promise<unknown>>();

export function serially<T>(name: string, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(name) ?? Promise.resolve();
  const next = previous.then(run, run);
  const settled = next.catch(() => undefined);
  queues.set(name, settled);
  void settled.then(() => {
    if (queues.get(name) === settled) queues.delete(name);
  });
  return next;
}
