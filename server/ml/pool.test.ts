import { afterEach, describe, expect, it } from 'vitest';
import { match } from '../../shared/match/match';
import { MatchInputError } from '../../shared/match/text';
import { HttpError } from '../errors';
import { createMlPool, type MlPool } from './pool';
import { createSemanticEmbedder } from './semantic/embedder';
import { serverMatchResult } from './semantic/semantic-match';

/** Real worker threads (the engine loaded through tsx, as on the server). */

const RESUME = { text: 'Data engineer.\nBuilt pipelines in Python and SQL on AWS.', title: 'Data Engineer' };
const JOB = { title: 'Data Engineer', description: 'Requirements: Python, SQL. Nice to have: Kafka.' };
/** Slow enough to outlast a tight deadline: about half a second of work. */
const BIG = { text: 'Built pipelines in Python and SQL on AWS with Kubernetes, led a team of five engineers.\n'.repeat(2_200) };

/** The server's match computed on this thread: the offline engine with the semantic part from the same model. */
const expected = () => serverMatchResult(createSemanticEmbedder(), RESUME, JOB);

let pool: MlPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('ML worker pool', () => {
  it('answers exactly what the engine answers on this thread, with the semantic part', async () => {
    pool = createMlPool();
    const answer = await pool.run({ kind: 'match', resume: RESUME, job: JOB });
    expect(answer).toEqual(await expected());
    expect((answer as { components: { name: string }[] }).components.map((c) => c.name)).toContain('semantic');
  }, 30_000);

  it('answers the offline match when the semantic part is off', async () => {
    pool = createMlPool({ semantic: false });
    const answer = await pool.run({ kind: 'match', resume: RESUME, job: JOB });
    expect(answer).toEqual(match(RESUME, JOB));
  }, 30_000);

  it('brings the engine’s input errors back as themselves', async () => {
    pool = createMlPool();
    const error = await pool.run({ kind: 'match', resume: { text: 'x'.repeat(200_001) }, job: JOB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatchInputError);
    expect((error as MatchInputError).code).toBe('too_large');
  }, 30_000);

  it('stops a task past its deadline, replaces the worker, and keeps serving', async () => {
    // The deadline starts once the worker has loaded the engine, so only the task's own time counts.
    // The quick task is a title-only match (no embedding, about a millisecond), so 150 ms is ample for it.
    const titleOnly = { title: 'Data Engineer' };
    pool = createMlPool({ timeoutMs: 150 });
    expect(await pool.run({ kind: 'match', resume: RESUME, job: titleOnly })).toEqual(match(RESUME, titleOnly));
    const error = await pool.run({ kind: 'match', resume: BIG, job: JOB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe('ml_timeout');
    expect(await pool.run({ kind: 'match', resume: RESUME, job: titleOnly })).toEqual(match(RESUME, titleOnly));
  }, 30_000);

  it('refuses work beyond the queue with 503 ml_busy', async () => {
    pool = createMlPool({ size: 1, maxQueue: 1 });
    // All three arrive in the same turn, so the first is still running (or its worker starting) when the third comes.
    const running = pool.run({ kind: 'match', resume: RESUME, job: { title: 'Data Engineer' } });
    const queued = pool.run({ kind: 'match', resume: RESUME, job: JOB });
    const refused = await pool.run({ kind: 'match', resume: RESUME, job: JOB }).catch((e: unknown) => e);
    expect((refused as HttpError).status).toBe(503);
    expect((refused as HttpError).code).toBe('ml_busy');
    await expect(Promise.all([running, queued])).resolves.toHaveLength(2);
  }, 30_000);
});
