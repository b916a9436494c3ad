/**
 * Ranking quality of the matching engine on an evaluation set:
 *   npm run ml:eval -- <set.json> [--engine offline|server|bm25] [--paraphrased]
 * Prints one JSON object { p1, ndcg10, rankings: { resumeId: [jobId, … all jobs, best first] },
 * skills: { resumeId: [skill, …] } }. `--paraphrased` ranks the set's `paraphrased` resumes
 * instead of the originals (same shape); `--engine bm25` is BM25 alone, the baseline;
 * `--engine server` adds the semantic part (the sentence-embedding model the
 * server's workers load, run here in process with the same code).
 * Exits 1 on a set it cannot read, 2 on usage or an engine that is not available.
 */
import { readFile, stat } from 'node:fs/promises';
import { createSemanticEmbedder } from '../server/ml/semantic/embedder';
import { similaritiesFor } from '../server/ml/semantic/eval-similarity';
import { evalSetSchema, evaluate, type Engine, type Similarity } from '../shared/match/eval';

const MAX_SET_BYTES = 50 * 1024 * 1024;

async function main(args: string[]): Promise<number> {
  const engineAt = args.indexOf('--engine');
  const engine = engineAt >= 0 ? args[engineAt + 1] : 'offline';
  const paraphrased = args.includes('--paraphrased');
  const files = args.filter((a, i) => !a.startsWith('--') && (engineAt < 0 || i !== engineAt + 1));
  if (files.length !== 1 || !['offline', 'server', 'bm25'].includes(engine ?? '')) {
    console.error('Usage: npm run ml:eval -- <set.json> [--engine offline|server|bm25] [--paraphrased]');
    return 2;
  }
  const file = files[0]!;
  let set;
  try {
    if ((await stat(file)).size > MAX_SET_BYTES) throw new Error(`larger than ${MAX_SET_BYTES} bytes`);
    const parsed = evalSetSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (!parsed.success) throw new Error(`not an evaluation set: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    set = parsed.data;
  } catch (error) {
    console.error(`${file}: ${(error as Error).message}`);
    return 1;
  }
  const resumes = paraphrased ? set.paraphrased : set.resumes;
  if (!resumes?.length) {
    console.error(`${file}: has no paraphrased resumes.`);
    return 1;
  }
  let similarity: Similarity | undefined;
  if (engine === 'server') {
    try {
      similarity = await similaritiesFor(createSemanticEmbedder(), resumes, set.jobs);
    } catch (error) {
      console.error(`The server engine is not available here: ${(error as Error).message}; use --engine offline.`);
      return 2;
    }
  }
  process.stdout.write(`${JSON.stringify(evaluate(set, resumes, engine as Engine, similarity))}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
