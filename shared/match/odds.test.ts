import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../tests/helpers/prng';
import { fitOddsModel, interviewOdds, MAX_OUTCOMES, MIN_OUTCOMES, ODDS_VERSION, predictOdds, type OddsFeatures, type OddsOutcome } from './odds';
import { wilsonInterval } from './odds-interval';

const SITES = ['linkedin', 'indeed', 'naukri', 'other'] as const;
const SITE_EFFECT: Record<string, number> = { linkedin: 0, indeed: -0.6, naukri: 0.4, other: -0.3 };

/** The known model the histories are drawn from: higher match, quicker applying and a contact help. */
function trueLogit(f: OddsFeatures): number {
  return -1.2 + 0.05 * ((f.matchScore ?? 60) - 60) + SITE_EFFECT[f.site ?? 'other']! - 0.5 * Math.log1p(f.daysToApply ?? 7) + 1.2 * Number(f.hasContact ?? false) + (f.source === 'manual' ? 0.2 : 0);
}
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function application(rng: Rng): OddsFeatures {
  return {
    matchScore: rng.int(20, 95),
    site: rng.pick(SITES),
    source: rng.chance(0.7) ? 'auto_detect' : 'manual',
    // Postings without a date happen: some histories miss the feature.
    daysToApply: rng.chance(0.15) ? undefined : rng.int(0, 45),
    hasContact: rng.chance(0.2),
  };
}

function history(seed: number, n: number): OddsOutcome[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const f = application(rng);
    return { ...f, interviewed: rng() < sigmoid(trueLogit(f)) };
  });
}

const brier = (ps: readonly number[], ys: readonly OddsOutcome[]) => ps.reduce((s, p, i) => s + (p - Number(ys[i]!.interviewed)) ** 2, 0) / ps.length;

describe('interview odds: calibration on histories drawn from a known logistic model', () => {
  it.each([[1, 60], [2, 150], [3, 400]])('seed %i, %i outcomes: Brier score on new applications below the base rate’s', (seed, n) => {
    const train = history(seed, n);
    const test = history(seed + 1000, 4000);
    const model = fitOddsModel(train)!;
    expect(model).toBeDefined();
    const predicted = test.map((f) => predictOdds(model, f).probability);
    const base = test.map(() => model.baseRate.rate);
    expect(brier(predicted, test)).toBeLessThan(brier(base, test));
    // Calibrated in the large: on its own history the mean estimate is the observed rate (the intercept is not
    // penalised), and on new applications it is off by no more than the history's sampling error.
    const mean = (ps: readonly number[]) => ps.reduce((s, p) => s + p, 0) / ps.length;
    expect(mean(train.map((f) => predictOdds(model, f).probability))).toBeCloseTo(model.baseRate.rate, 6);
    const observed = test.filter((o) => o.interviewed).length / test.length;
    expect(Math.abs(mean(predicted) - observed)).toBeLessThan(3 * Math.sqrt((observed * (1 - observed)) / n));
  });

  it('recovers the direction of every effect in a large history', () => {
    const model = fitOddsModel(history(7, 3000))!;
    const at = (f: Partial<OddsFeatures>) => predictOdds(model, { matchScore: 60, site: 'linkedin', source: 'auto_detect', daysToApply: 5, hasContact: false, ...f }).probability;
    expect(at({ matchScore: 90 })).toBeGreaterThan(at({ matchScore: 60 }));
    expect(at({ matchScore: 60 })).toBeGreaterThan(at({ matchScore: 30 }));
    expect(at({ hasContact: true })).toBeGreaterThan(at({ hasContact: false }));
    expect(at({ daysToApply: 1 })).toBeGreaterThan(at({ daysToApply: 30 }));
    expect(at({ site: 'naukri' })).toBeGreaterThan(at({ site: 'indeed' }));
  });
});

describe('interview odds: the answer', () => {
  it('is monotone in the match score, whatever the other features', () => {
    const train = history(11, 200);
    const rng = createRng(12);
    for (let i = 0; i < 50; i++) {
      const f = application(rng);
      const ps = [10, 30, 50, 70, 90].map((matchScore) => interviewOdds(train, { ...f, matchScore }).probability);
      for (let k = 1; k < ps.length; k++) expect(ps[k]!).toBeGreaterThanOrEqual(ps[k - 1]!);
    }
  });

  it('explains itself: one factor per feature, largest first, adding up to the estimate with the intercept', () => {
    const train = history(5, 300);
    const result = interviewOdds(train, { matchScore: 92, site: 'naukri', source: 'manual', daysToApply: 0, hasContact: true });
    expect(result.kind).toBe('model');
    if (result.kind !== 'model') return;
    expect(result.version).toBe(ODDS_VERSION);
    expect(result.factors.map((f) => f.feature).sort()).toEqual(['contact', 'daysToApply', 'matchScore', 'site', 'source']);
    const sizes = result.factors.map((f) => Math.abs(f.logOdds));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(result.factors.find((f) => f.feature === 'contact')!.logOdds).toBeGreaterThan(0);
    expect(result.probability).toBeGreaterThan(result.baseRate.rate);
  });

  it('is deterministic: the same history gives the same numbers', () => {
    const f = { matchScore: 70, site: 'indeed', daysToApply: 3 };
    expect(interviewOdds(history(9, 120), f)).toEqual(interviewOdds(history(9, 120), f));
  });

  it('shows the base rate with its Wilson interval below MIN_OUTCOMES', () => {
    const train = history(4, MIN_OUTCOMES - 1).map((o, i) => ({ ...o, interviewed: i % 4 === 0 }));
    const result = interviewOdds(train, { matchScore: 99, hasContact: true });
    expect(result).toMatchObject({ kind: 'base-rate', message: 'not enough outcomes yet', probability: 5 / 19 });
    expect(result.baseRate).toMatchObject({ outcomes: 19, interviews: 5 });
    expect(result.baseRate.low).toBeCloseTo(wilsonInterval(5, 19).low, 12);
    expect(result.baseRate.low).toBeGreaterThan(0.1);
    expect(result.baseRate.high).toBeLessThan(0.5);
  });

  it('stays on the base rate when one outcome is too rare to learn from', () => {
    const none = history(6, 100).map((o, i) => ({ ...o, interviewed: i < 2 }));
    expect(interviewOdds(none, {})).toMatchObject({ kind: 'base-rate', message: expect.stringMatching(/^not enough outcomes yet: at least 3 /) });
    const empty = interviewOdds([], {});
    expect(empty).toMatchObject({ kind: 'base-rate', probability: 0, baseRate: { outcomes: 0, low: 0, high: 1 } });
  });
});

describe('interview odds: bad input', () => {
  it('treats NaN, infinities and odd values as missing, and never answers NaN', () => {
    const train = history(8, 120).map((o, i) => (i % 3 === 0 ? { ...o, matchScore: NaN, daysToApply: Infinity, site: '' } : o));
    const result = interviewOdds(train, { matchScore: NaN, daysToApply: -Infinity, site: 'unknown-site', source: 42 as unknown as string });
    expect(result.kind).toBe('model');
    expect(Number.isFinite(result.probability)).toBe(true);
    if (result.kind === 'model') for (const f of result.factors) expect(Number.isFinite(f.logOdds)).toBe(true);
  });

  it('gives a rare or new site no weight, and keeps a history of made-up site names from growing the model', () => {
    const train = history(14, 300).map((o, i) => ({ ...o, site: i % 2 ? `site-${i}` : o.site }));
    const model = fitOddsModel(train)!;
    expect(model.encoder.columns.filter((c) => c === 'site').length).toBeLessThanOrEqual(4);
    const rare = predictOdds(model, { site: 'site-1' });
    expect(rare.factors.find((f) => f.feature === 'site')!.logOdds).toBe(0);
    expect(predictOdds(model, { site: 'never-seen' }).probability).toBe(rare.probability);
  });

  it('skips malformed outcomes', () => {
    const junk = [null, undefined, { interviewed: 'yes' }, 5] as unknown as OddsOutcome[];
    const result = interviewOdds([...junk, ...history(3, 10)], {});
    expect(result.baseRate.outcomes).toBe(10);
  });

  it(`keeps only the latest ${MAX_OUTCOMES} outcomes of a huge history, in well under a second`, () => {
    const huge = [...history(10, 5000).map((o) => ({ ...o, interviewed: true })), ...history(13, MAX_OUTCOMES)];
    const started = performance.now();
    const result = interviewOdds(huge, { matchScore: 50 });
    expect(result.baseRate.outcomes).toBe(MAX_OUTCOMES);
    // The all-interview prefix was dropped: the rate is the drawn one, far below 1.
    expect(result.baseRate.rate).toBeLessThan(0.6);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('wilsonInterval', () => {
  it('stays inside [0, 1] and widens on small counts', () => {
    expect(wilsonInterval(0, 5).low).toBe(0);
    expect(wilsonInterval(5, 5).high).toBe(1);
    const small = wilsonInterval(2, 10);
    const large = wilsonInterval(200, 1000);
    expect(small.high - small.low).toBeGreaterThan(large.high - large.low);
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
