/** When the weekly summary scheduler runs (not environment variables: tests shorten them). */
export interface WeeklySummarySettings {
  /** Time between passes; the first runs a minute after start (sooner when this is shorter). */
  checkMs: number;
  /** How long a claim holds an instance that stopped mid-send, before another may take it over. */
  leaseMs: number;
}

export const DEFAULT_WEEKLY_SUMMARY: WeeklySummarySettings = { checkMs: 60 * 60_000, leaseMs: 15 * 60_000 };
