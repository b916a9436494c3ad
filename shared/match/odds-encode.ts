/**
 * Turns an application's facts into the standardised numbers the odds model
 * reads. Every column is centred and scaled on the history, so the ridge
 * penalty treats features alike and a weight times a value reads as "log-odds
 * against an average application". A missing or unusable value (NaN, a
 * category the history never saw) encodes as 0, i.e. as average: it neither
 * helps nor hurts.
 */
export interface OddsFeatures {
  /** Match score 0-100, when one was computed. */
  matchScore?: number;
  /** Where the job was found (the Job's `platform`). */
  site?: string;
  /** How it was recorded (the Job's `source`). */
  source?: string;
  /** Days from the posting to the application. */
  daysToApply?: number;
  /** A contact at the company. */
  hasContact?: boolean;
}

export type OddsFactorName = 'matchScore' | 'site' | 'source' | 'daysToApply' | 'contact';

interface Column {
  factor: OddsFactorName;
  raw: (f: OddsFeatures) => number | undefined;
  mean: number;
  sd: number;
}

export interface Encoder {
  /** The factor each encoded column belongs to (a site has one column per site seen). */
  columns: OddsFactorName[];
  encode(features: OddsFeatures): number[];
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const category = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Days are skewed (most applications within a week, a few months late): the log keeps the tail from ruling. */
const days = (f: OddsFeatures) => {
  const d = finite(f.daysToApply);
  return d === undefined ? undefined : Math.log1p(Math.max(0, d));
};
const score = (f: OddsFeatures) => {
  const s = finite(f.matchScore);
  return s === undefined ? undefined : Math.max(0, Math.min(100, s));
};

export function buildEncoder(history: readonly OddsFeatures[]): Encoder {
  const raws: Omit<Column, 'mean' | 'sd'>[] = [
    { factor: 'matchScore', raw: score },
    { factor: 'daysToApply', raw: days },
    { factor: 'contact', raw: (f) => (typeof f.hasContact === 'boolean' ? Number(f.hasContact) : undefined) },
  ];
  // One column per category value seen, sorted so the same history always gives the same columns.
  for (const factor of ['site', 'source'] as const) {
    const seen = [...new Set(history.map((f) => category(f[factor])).filter((v): v is string => v !== undefined))].sort();
    for (const value of seen) raws.push({ factor, raw: (f) => (category(f[factor]) === undefined ? undefined : Number(f[factor] === value)) });
  }
  const columns: Column[] = raws.map((c) => {
    const values = history.map(c.raw).filter((v): v is number => v !== undefined);
    const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
    const sd = values.length ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length) : 0;
    return { ...c, mean, sd };
  });
  return {
    columns: columns.map((c) => c.factor),
    encode: (f) =>
      columns.map((c) => {
        const v = c.raw(f);
        // A constant column carries nothing to learn from; missing values sit at the mean.
        return v === undefined || c.sd < 1e-9 ? 0 : (v - c.mean) / c.sd;
      }),
  };
}
