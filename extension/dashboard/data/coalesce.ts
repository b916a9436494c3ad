/**
 * Passes values on at most once per `intervalMs`: the first of a quiet spell
 * at once, the last of a burst when the interval is up. A bulk edit of a
 * thousand jobs emits a thousand live updates; the page redraws a few times.
 */
export function coalesce<T>(intervalMs: number, emit: (value: T) => void): { push(value: T): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pending: { value: T } | undefined;
  const flush = () => {
    timer = undefined;
    if (!pending) return;
    const { value } = pending;
    pending = undefined;
    last = performance.now();
    emit(value);
  };
  return {
    push(value) {
      pending = { value };
      if (timer !== undefined) return;
      const wait = last + intervalMs - performance.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}
