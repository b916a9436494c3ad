import * as Comlink from 'comlink';
import type { MlWorkerApi } from './ml-api';

/**
 * The page's one ML worker, started on first use and kept for the page's
 * life (its caches are what make re-ranking fast). A worker that crashes is
 * dropped, and the next call starts a new one.
 */
let current: { worker: Worker; api: Comlink.Remote<MlWorkerApi> } | undefined;

export function mlWorker(): Comlink.Remote<MlWorkerApi> {
  if (current) return current.api;
  const worker = new Worker(new URL('./ml.worker.ts', import.meta.url), { type: 'module', name: 'ml' });
  const started = { worker, api: Comlink.wrap<MlWorkerApi>(worker) };
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    if (current === started) current = undefined;
    started.api[Comlink.releaseProxy]();
    worker.terminate();
  });
  current = started;
  return started.api;
}
