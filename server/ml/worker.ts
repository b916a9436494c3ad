import { parentPort, workerData } from 'node:worker_threads';
import { match } from '../../shared/match/match';
import { MatchInputError } from '../../shared/match/text';
import type { MlWorkerData, WorkerReply } from './pool';
import { createSemanticEmbedder } from './semantic/embedder';
import { serverMatchResult } from './semantic/semantic-match';
import { runTask, type MlTask } from './tasks';

/**
 * The engine on its own thread (started by pool.ts): a match at the 200,000-
 * character cap, or odds fitted on 10,000 outcomes, holds a core for about a third to half a
 * second, which on the server's
 * thread would stall every other request, sync included.
 */

/** This thread's sentence encoder: a match gets the semantic part here, never on the request thread. */
const embedder = (workerData as MlWorkerData | undefined)?.semantic === false ? undefined : createSemanticEmbedder();

parentPort?.on('message', async ({ id, task }: { id: number; task: MlTask }) => {
  let reply: WorkerReply;
  try {
    reply = { id, ok: true, value: task.kind === 'match' && embedder ? await serverMatchResult(embedder, task.resume, task.job) : runTask(task) };
  } catch (error) {
    // Only the engine's own input errors carry a message back: they name a field and its length, never its text.
    reply = error instanceof MatchInputError
      ? { id, ok: false, inputError: { code: error.code, message: error.message } }
      : { id, ok: false };
  }
  parentPort?.postMessage(reply);
});

// The taxonomy compiles and the NLP model warms on first use: do that now, and load the sentence-
// embedding model (about 240 MB; workers start only when a task needs one, so an idle server never
// loads it), so the pool's deadlines (which start at "ready") measure tasks, not start-up. A model
// that does not load leaves the offline answer, marked as such.
match({ text: 'Built pipelines in Python.' }, { title: 'Engineer', description: 'Python' });
void (embedder?.embed('warm up') ?? Promise.resolve())
  .catch(() => undefined)
  .then(() => parentPort?.postMessage({ ready: true } satisfies WorkerReply));
