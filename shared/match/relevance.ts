/**
 * Lexical relevance on word stems. Two measures, for two jobs:
 * - `termCoverage`: how much of one job's vocabulary a resume uses. It needs
 *   no corpus, so a stored match never depends on which other jobs exist, and
 *   adding words to a resume can only raise it (the score stays monotonic).
 * - `bm25Scores`: BM25 (minisearch) of a resume against many jobs at once,
 *   the ranking baseline `npm run ml:eval -- --engine bm25` reports.
 */
import MiniSearch from 'minisearch';
import { contentStems, tokenize } from './text';

/** Term-frequency weights of a text's content stems, sublinear so a repeated word does not dominate. */
export function stemWeights(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stem of contentStems(tokenize(text))) counts.set(stem, (counts.get(stem) ?? 0) + 1);
  const weights = new Map<string, number>();
  for (const [stem, n] of counts) weights.set(stem, 1 + Math.log(n));
  return weights;
}

/** Share (0-1) of the job's weighted stems that also occur in the resume. */
export function termCoverage(resumeStems: ReadonlySet<string>, jobWeights: ReadonlyMap<string, number>): number {
  let total = 0;
  let covered = 0;
  for (const [stem, w] of jobWeights) {
    total += w;
    if (resumeStems.has(stem)) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

export interface Doc {
  readonly id: string;
  readonly text: string;
}

/** BM25 scores of each document for the query text (documents it does not match score 0). */
export function bm25Scores(docs: readonly Doc[], query: string): Map<string, number> {
  const index = new MiniSearch<Doc>({
    fields: ['text'],
    storeFields: [],
    // The same stems matching uses, so the baseline differs from the engine only in how it scores.
    tokenize: (text) => contentStems(tokenize(text)),
    processTerm: (term) => term,
  });
  index.addAll([...docs]);
  const scores = new Map<string, number>(docs.map((d) => [d.id, 0]));
  for (const hit of index.search(query, { combineWith: 'OR' })) scores.set(String(hit.id), hit.score);
  return scores;
}
