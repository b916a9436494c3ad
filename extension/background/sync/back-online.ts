/**
 * Calls `listener` when the browser goes from offline to online. Chrome fires
 * no `online` event in a service worker (crbug.com/114475), but it does fire
 * `change` on `navigator.connection` there, with `navigator.onLine` already
 * updated; Firefox's background page gets `online`. Both lead here, once.
 */
export function whenBackOnline(listener: () => void): void {
  let online = navigator.onLine;
  const check = () => {
    const wasOnline = online;
    online = navigator.onLine;
    if (online && !wasOnline) listener();
  };
  globalThis.addEventListener('online', check);
  globalThis.addEventListener('offline', check);
  (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', check);
}
