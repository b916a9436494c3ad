import { Worker } from 'node:worker_threads';
import { MatchInputError } from '../../shared/match/input-limits';
import { HttpError } from '../errors';
import { tsWorkerSource } from '../ts-worker';
import type { MlTask } from './tasks';

export type { MlTask };

/**
 * A small fixed pool of long-lived engine workers (worker.ts) with a bounded
 * queue. Workers stay up because loading the NLP model and the taxonomy costs
 * far more than one match; a task that runs past its deadline has its worker
 * terminated and replaced, so a pathological input cannot hold a core.
 */

export type WorkerReply =
  | { ready: true }
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; inputError?: { code: MatchInputError['code']; message: string } };

export interface MlPoolOptions {
  /** Worker threads; one by default, leaving the other cores to the server and sync. */
  size?: number;
  /** Tasks waiting beyond the running ones; more answer 503 ml_busy. */
  maxQueue?: number;
  /** A task running longer is stopped (its worker replaced) and answers 503 ml_timeout. */
  timeoutMs?: number;
  /**
   * Whether matches get the semantic part (on by default). Off, the workers
   * never load the sentence-embedding model (about 240 MB each) and matches are
   * the offline engine's.
   */
  semantic?: boolean;
}

/** What each worker is started with. */
export interface MlWorkerData {
  semantic: boolean;
}

export interface MlPool {
  run(task: MlTask): Promise<unknown>;
  /** Whether its workers load the sentence encoder (the semantic part of matches); true when not said. */
  readonly semantic?: boolean;
  close(): Promise<void>;
}

const BOOTSTRAP = tsWorkerSource(new URL('./worker.ts', import.meta.url));

interface Pending {
  id: number;
  task: MlTask;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Slot {
  worker: Worker;
  /** Loading the engine takes about a second; a task's deadline starts only once the worker is ready. */
  ready: boolean;
  current?: Pending;
  timer?: NodeJS.Timeout;
}

export function createMlPool(options: MlPoolOptions = {}): MlPool {
  const size = options.size ?? 1;
  const maxQueue = options.maxQueue ?? 32;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (slot: Slot, outcome: { value: unknown } | { error: unknown }) => {
    const job = slot.current;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.current = undefined;
    if ('value' in outcome) job.resolve(outcome.value);
    else job.reject(outcome.error);
    dispatch();
  };

  const spawn = (): Slot => {
    const workerData: MlWorkerData = { semantic: options.semantic ?? true };
    const slot: Slot = { worker: new Worker(BOOTSTRAP, { eval: true, workerData, resourceLimits: { maxOldGenerationSizeMb: 512 } }), ready: false };
    slot.worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        dispatch();
        return;
      }
      if (reply.id !== slot.current?.id) return;
      if (reply.ok) settle(slot, { value: reply.value });
      else if (reply.inputError) settle(slot, { error: new MatchInputError(reply.inputError.message, reply.inputError.code) });
      else settle(slot, { error: new Error('The ML worker failed on a task') });
    });
    // A worker that dies (out of memory, a crash) fails its task and is replaced.
    const replace = () => {
      const index = slots.indexOf(slot);
      if (index < 0) return;
      slots.splice(index, 1);
      settle(slot, { error: new HttpError(503, 'ml_unavailable', 'The matching engine stopped; try again.') });
      dispatch();
    };
    slot.worker.on('error', replace);
    slot.worker.on('exit', replace);
    // Idle workers must not keep the process (or a test run) alive.
    slot.worker.unref();
    slots.push(slot);
    return slot;
  };

  function dispatch(): void {
    if (closed) return;
    while (queue.length > 0) {
      if (slots.length < size) spawn();
      const slot = slots.find((s) => s.ready && !s.current);
      if (!slot) return;
      const job = queue.shift()!;
      slot.current = job;
      slot.timer = setTimeout(() => {
        // Out of the pool before settling, so the next task goes to a fresh worker, not this one.
        slots.splice(slots.indexOf(slot), 1);
        void slot.worker.terminate();
        settle(slot, { error: new HttpError(503, 'ml_timeout', `The task took longer than ${timeoutMs} ms and was stopped.`) });
      }, timeoutMs);
      slot.worker.postMessage({ id: job.id, task: job.task });
    }
  }

  return {
    semantic: options.semantic ?? true,
    run(task) {
      if (closed) return Promise.reject(new HttpError(503, 'ml_unavailable', 'The server is stopping.'));
      // Counted as if every worker were busy: a task waiting for a worker to start is waiting all the same.
      const running = slots.filter((s) => s.current).length;
      if (running + queue.length >= size + maxQueue) {
        return Promise.reject(new HttpError(503, 'ml_busy', 'The matching engine is busy; try again in a moment.'));
      }
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, task, resolve, reject });
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new HttpError(503, 'ml_unavailable', 'The server is stopping.'));
      const all = slots.splice(0);
      for (const slot of all) {
        clearTimeout(slot.timer);
        slot.current?.reject(new HttpError(503, 'ml_unavailable', 'The server is stopping.'));
      }
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
