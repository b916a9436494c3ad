/**
 * The server's score: the offline match plus a semantic part, the cosine
 * similarity of the resume's and the job's sentence embeddings (computed by
 * the server; this module only takes the number). Pure and deterministic: the
 * same offline result and the same cosine always give the same score.
 *
 * The semantic part is one more weighted component, so the score stays the
 * weighted mean of its parts: for a given similarity, anything that raises an
 * offline part (a required skill met) raises or keeps the score, never lowers it.
 */
import { band, exactScore, type Component, type MatchResult } from './match';

/**
 * Raw cosines of sentence embeddings (Universal Sentence Encoder lite) between
 * a resume and a job are not percentages: texts about different work still
 * reach 0.2-0.5 (shared resume vocabulary), related roles 0.5-0.75, the same
 * work described about 0.85 and more. 0.5-0.85 maps linearly onto 0-1,
 * clamped outside it, so unrelated work adds nothing.
 */
export const COSINE_FLOOR = 0.5;
export const COSINE_CEILING = 0.85;
/**
 * About a third of the full score (the offline weights add up to about 1.05):
 * skills, wording and meaning each count roughly equally, the mix that ranked
 * best on both original and paraphrased resumes in the measurements in
 * notes/ml.md, where one alone lost to paraphrase (skills, wording) or to
 * vocabulary (meaning).
 */
export const SEMANTIC_WEIGHT = 0.5;

/** The raw cosine as a 0-1 score; anything that is not a finite number counts as no similarity. */
export function calibrateCosine(cosine: number): number {
  if (!Number.isFinite(cosine)) return 0;
  return Math.min(1, Math.max(0, (cosine - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)));
}

/** Cosine similarity of two vectors of the same length; 0 when either is all zeros. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Vectors of different lengths (${a.length}, ${b.length})`);
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** The text embedded for a resume or a job: its title, then its body. The server and the evaluation embed the same. */
export function semanticText(title: string | undefined, body: string | undefined): string {
  return [title?.trim(), body?.trim()].filter(Boolean).join('\n');
}

/** The offline components with the semantic one added (any earlier semantic component replaced). */
export function semanticComponents(components: readonly Component[], rawCosine: number): Component[] {
  const semantic: Component = { name: 'semantic', weight: SEMANTIC_WEIGHT, score: round2(calibrateCosine(rawCosine)) };
  return [...components.filter((c) => c.name !== 'semantic'), semantic];
}

/** Whether a result takes the semantic part: not when only the job's title was there to compare. */
export function semanticApplies(offline: MatchResult): boolean {
  return offline.basis === 'full';
}

/**
 * The offline result with the semantic part in its score, band and components.
 * A title-only result (no job description) stays as it is: a title alone says
 * too little for a sentence embedding to add anything.
 */
export function blendSemantic(offline: MatchResult, rawCosine: number): MatchResult {
  if (!semanticApplies(offline)) return offline;
  const components = semanticComponents(offline.components, rawCosine);
  const score = Math.round(100 * exactScore(components));
  return { ...offline, score, band: band(score), components };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
