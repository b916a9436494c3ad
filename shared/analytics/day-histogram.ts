import type { DayHistogram } from './contribution';

/** Adds (sign 1) or takes away (sign -1) `from` into `into`, dropping emptied days. */
export function mergeHistogram(into: Map<number, number>, from: DayHistogram, sign: 1 | -1): void {
  for (const [day, count] of Object.entries(from)) {
    const key = Number(day);
    const next = (into.get(key) ?? 0) + sign * count;
    if (next > 0) into.set(key, next);
    else into.delete(key);
  }
}

/** The median of the values a histogram counts (the mean of the two middle ones for an even count); null when empty. */
export function histogramMedian(histogram: ReadonlyMap<number, number>): number | null {
  let total = 0;
  for (const count of histogram.values()) total += count;
  if (total === 0) return null;
  const days = [...histogram.keys()].sort((a, b) => a - b);
  const lowRank = (total - 1) >> 1;
  const highRank = total >> 1;
  let seen = 0;
  let low: number | null = null;
  for (const day of days) {
    seen += histogram.get(day)!;
    if (low === null && seen > lowRank) low = day;
    if (seen > highRank) return (low! + day) / 2;
  }
  return low;
}
