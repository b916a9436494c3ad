/**
 * Runs the tasks given under one key one after another, each starting once
 * the previous has settled (a failure does not stop the next), while tasks
 * under other keys run freely. Read-then-write sequences (a count checked
 * before a write, a registration compared before it is updated) need this to
 * stay correct when two calls overlap. Keys with nothing queued are dropped.
 */
export type SerialQueue = <T>(key: string, task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const settled = next.catch(() => undefined);
    tails.set(key, settled);
    void settled.then(() => {
      if (tails.get(key) === settled) tails.delete(key);
    });
    return next;
  };
}
