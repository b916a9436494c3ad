/**
 * Turns an application's facts into the standardised numbers the odds model
 * reads. Every column is centred and scaled on the history, so the ridge
 * penalty treats features alike and a weight times a value reads as "log-odds
 * against an average application". A missing or unusable value (NaN, a
 * site the history never saw or saw fewer than three times) encodes as 0,
 * i.e. as average: it neither helps nor hurts.
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

/** A site or source seen fewer times than this says nothing yet. */
const MIN_CATEGORY_COUNT = 3;
const MAX_CATEGORIES = 12;

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
  // One column per value seen often enough to learn from, sorted so the same history always gives the same
  // columns; a rare or new value reads as average. The cap keeps a history of made-up site names from
  // growing the model (its cost is the square of the columns).
  for (const factor of ['site', 'source'] as const) {
    const counts = new Map<string, number>();
    for (const f of history) {
      const v = category(f[factor]);
      if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const kept = new Set(
      [...counts]
        .filter(([, n]) => n >= MIN_CATEGORY_COUNT)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_CATEGORIES)
        .map(([v]) => v),
    );
    const known = (f: OddsFeatures) => {
      const v = category(f[factor]);
      return v !== undefined && kept.has(v) ? v : undefined;
    };
    for (const value of [...kept].sort()) raws.push({ factor, raw: (f) => (known(f) === undefined ? undefined : Number(known(f) === value)) });
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
