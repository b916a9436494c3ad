/**
 * Interview odds from the person's own outcomes: a small L2-regularised
 * logistic regression, fitted on the device in milliseconds. Below
 * MIN_OUTCOMES (or with too few of either outcome) a model would only echo
 * noise, so the answer is the base rate with its uncertainty instead.
 */
import { wilsonInterval } from './odds-interval';
import { buildEncoder, type Encoder, type OddsFactorName, type OddsFeatures } from './odds-encode';

export type { OddsFeatures, OddsFactorName } from './odds-encode';

/** Bump when the features, the fitting or the thresholds change: stored odds name the version they came from. */
export const ODDS_VERSION = 1;
/** Fewer outcomes than this show the base rate (ml.md: a model needs about 20-30). */
export const MIN_OUTCOMES = 20;
/** Each outcome kind needs a few examples, or the model is all intercept pushed to an extreme. */
export const MIN_PER_CLASS = 3;
/** A person's own history never honestly reaches this; a bigger input is cut to its latest entries. */
export const MAX_OUTCOMES = 10_000;
/** Ridge strength on standardised weights: strong enough to keep 20 outcomes from producing certainties. */
const LAMBDA = 1;
const NEWTON_STEPS = 25;

export interface OddsOutcome extends OddsFeatures {
  /** Reached interview or beyond. */
  interviewed: boolean;
}

export interface OddsFactor {
  feature: OddsFactorName;
  /** Log-odds this application's value adds against an average one of the history. */
  logOdds: number;
}

export interface BaseRate {
  outcomes: number;
  interviews: number;
  rate: number;
  /** 95% Wilson interval. */
  low: number;
  high: number;
}

export type OddsResult =
  | { kind: 'base-rate'; version: number; probability: number; baseRate: BaseRate; message: string }
  | { kind: 'model'; version: number; probability: number; baseRate: BaseRate; factors: OddsFactor[] };

export interface OddsModel {
  version: number;
  baseRate: BaseRate;
  encoder: Encoder;
  /** Intercept first, then one weight per encoded column. */
  weights: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));

/** Keeps well-formed outcomes, at most the last MAX_OUTCOMES (callers pass them oldest first). */
export function cleanOutcomes(outcomes: readonly OddsOutcome[]): OddsOutcome[] {
  return outcomes.filter((o) => o !== null && typeof o === 'object' && typeof o.interviewed === 'boolean').slice(-MAX_OUTCOMES);
}

export function baseRateOf(outcomes: readonly OddsOutcome[]): BaseRate {
  const interviews = outcomes.filter((o) => o.interviewed).length;
  const { low, high } = wilsonInterval(interviews, outcomes.length);
  return { outcomes: outcomes.length, interviews, rate: outcomes.length ? interviews / outcomes.length : 0, low, high };
}

/** The fitted model, or undefined when the history is too small for one. */
export function fitOddsModel(history: readonly OddsOutcome[]): OddsModel | undefined {
  const outcomes = cleanOutcomes(history);
  const baseRate = baseRateOf(outcomes);
  if (outcomes.length < MIN_OUTCOMES || baseRate.interviews < MIN_PER_CLASS || outcomes.length - baseRate.interviews < MIN_PER_CLASS) return undefined;
  const encoder = buildEncoder(outcomes);
  const rows = outcomes.map((o) => [1, ...encoder.encode(o)]);
  const ys = outcomes.map((o) => (o.interviewed ? 1 : 0));
  return { version: ODDS_VERSION, baseRate, encoder, weights: newtonFit(rows, ys) };
}

/**
 * Newton's method (IRLS) on the penalised log-likelihood; the intercept is not
 * penalised. Deterministic: fixed start, fixed order, stops when the step is tiny.
 */
function newtonFit(rows: readonly number[][], ys: readonly number[]): number[] {
  const d = rows[0]!.length;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const grad = w.map((wj, j) => (j === 0 ? 0 : LAMBDA * wj));
    const hess = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j && i > 0 ? LAMBDA : 0)));
    rows.forEach((x, n) => {
      const p = sigmoid(x.reduce((s, xj, j) => s + xj * w[j]!, 0));
      const r = p * (1 - p);
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - ys[n]!) * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += r * x[i]! * x[j]!;
      }
    });
    const delta = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j < d; j++) {
      w[j]! -= delta[j]!;
      moved = Math.max(moved, Math.abs(delta[j]!));
    }
    if (moved < 1e-8) break;
  }
  return w;
}

/** Gaussian elimination with partial pivoting; the ridge keeps the matrix positive definite. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    const lead = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / lead;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}

export function predictOdds(model: OddsModel, application: OddsFeatures): { probability: number; factors: OddsFactor[] } {
  const x = model.encoder.encode(application);
  const totals = new Map<OddsFactorName, number>();
  x.forEach((xj, j) => {
    const name = model.encoder.columns[j]!;
    totals.set(name, (totals.get(name) ?? 0) + xj * model.weights[j + 1]!);
  });
  const z = model.weights[0]! + [...totals.values()].reduce((s, v) => s + v, 0);
  const factors = [...totals].map(([feature, logOdds]) => ({ feature, logOdds })).sort((a, b) => Math.abs(b.logOdds) - Math.abs(a.logOdds) || a.feature.localeCompare(b.feature));
  return { probability: sigmoid(z), factors };
}

/** The odds for one application given the person's history. */
export function interviewOdds(history: readonly OddsOutcome[], application: OddsFeatures): OddsResult {
  const model = fitOddsModel(history);
  if (!model) {
    const baseRate = baseRateOf(cleanOutcomes(history));
    const message =
      baseRate.outcomes < MIN_OUTCOMES
        ? 'not enough outcomes yet'
        : `not enough outcomes yet: at least ${MIN_PER_CLASS} applications that reached an interview and ${MIN_PER_CLASS} that did not are needed`;
    return { kind: 'base-rate', version: ODDS_VERSION, probability: baseRate.rate, baseRate, message };
  }
  return { kind: 'model', version: ODDS_VERSION, baseRate: model.baseRate, ...predictOdds(model, application) };
}
