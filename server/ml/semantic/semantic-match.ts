import { analyzeJob, analyzeResume, matchAnalyzed, type JobAnalysis, type MatchJob, type MatchResult, type MatchResume, type ResumeAnalysis } from '../../../shared/match/match';
import { blendSemantic, semanticApplies, semanticText } from '../../../shared/match/semantic-blend';
import { EmbedderUnavailable, type SemanticEmbedder } from './embedder';

/**
 * The server's match: the offline engine's result with the semantic part
 * blended in, as the ML worker runs it for POST /api/ml/match.
 * `npm run ml:eval -- --engine server` ranks with the same embedder, texts
 * and blend (eval-similarity.ts, shared/match/eval.ts).
 */

export interface ServerMatch {
  result: MatchResult;
  /** 'server' when the semantic part is in the score, 'offline' when it is not. */
  engine: 'server' | 'offline';
  /** Why the semantic part is missing, when it should have been there (the model did not load). */
  semanticUnavailable?: string;
}

export async function serverMatch(embedder: SemanticEmbedder, resume: ResumeAnalysis, job: JobAnalysis): Promise<ServerMatch> {
  const offline = matchAnalyzed(resume, job);
  // A job with only a title is scored on its title alone; a sentence embedding adds nothing there.
  if (!semanticApplies(offline)) return { result: offline, engine: 'offline' };
  try {
    const similarity = await embedder.similarity(
      semanticText(resume.resume.title, resume.resume.text),
      semanticText(job.job.title, job.job.description),
    );
    return { result: blendSemantic(offline, similarity), engine: 'server' };
  } catch (error) {
    // The model is optional: whatever goes wrong in it, the offline answer still stands, and says why it is alone.
    const reason = error instanceof EmbedderUnavailable ? error.message : 'The sentence-embedding model failed on this input';
    return { result: offline, engine: 'offline', semanticUnavailable: reason };
  }
}

/**
 * The worker's answer to a match task: the result as the engine stores and
 * serves it (its `semantic` component is what names the engine 'server'),
 * with the reason beside it when the semantic part is missing.
 */
export async function serverMatchResult(embedder: SemanticEmbedder, resume: MatchResume, job: MatchJob): Promise<MatchResult & { semanticUnavailable?: string }> {
  const { result, semanticUnavailable } = await serverMatch(embedder, analyzeResume(resume), analyzeJob(job));
  return semanticUnavailable ? { ...result, semanticUnavailable } : result;
}
