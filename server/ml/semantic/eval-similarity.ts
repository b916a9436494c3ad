import type { EvalJob, EvalResume, Similarity } from '../../../shared/match/eval';
import { semanticText } from '../../../shared/match/semantic-blend';
import type { SemanticEmbedder } from './embedder';

/**
 * The similarities of every resume with every job of an evaluation set,
 * embedded ahead with the server's embedder and the texts its match embeds
 * (semanticText), so the evaluation's synchronous ranking scores as the
 * server does. Each text is embedded once (the embedder caches by text).
 */
export async function similaritiesFor(embedder: SemanticEmbedder, resumes: readonly EvalResume[], jobs: readonly EvalJob[]): Promise<Similarity> {
  const table = new Map<EvalResume, Map<EvalJob, number>>();
  for (const resume of resumes) {
    const row = new Map<EvalJob, number>();
    for (const job of jobs) row.set(job, await embedder.similarity(semanticText(resume.title, resume.text), semanticText(job.title, job.text)));
    table.set(resume, row);
  }
  return (resume, job) => {
    const value = table.get(resume)?.get(job);
    if (value === undefined) throw new Error(`No similarity computed for resume ${resume.id} and job ${job.id}`);
    return value;
  };
}
