/** part / whole, or null when there is no whole to speak of (never NaN or Infinity). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}
