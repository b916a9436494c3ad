import { parentPort } from 'node:worker_threads';
import { match } from '../../shared/match/match';
import { MatchInputError } from '../../shared/match/text';
import type { WorkerReply } from './pool';
import { runTask, type MlTask } from './tasks';

/**
 * The engine on its own thread (started by pool.ts): a match at the 200,000-
 * character cap, or odds fitted on 10,000 outcomes, holds a core for about a third to half a
 * second, which on the server's
 * thread would stall every other request, sync included.
 */

parentPort?.on('message', ({ id, task }: { id: number; task: MlTask }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: runTask(task) };
  } catch (error) {
    // Only the engine's own input errors carry a message back: they name a field and its length, never its text.
    reply = error instanceof MatchInputError
      ? { id, ok: false, inputError: { code: error.code, message: error.message } }
      : { id, ok: false };
  }
  parentPort?.postMessage(reply);
});

// The taxonomy compiles and the NLP model warms on first use: do that now, so the pool's
// deadlines (which start at "ready") measure tasks, not start-up.
match({ text: 'Built pipelines in Python.' }, { title: 'Engineer', description: 'Python' });
parentPort?.postMessage({ ready: true } satisfies WorkerReply);
