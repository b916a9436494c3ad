/** Options every insight function accepts; each reads only the ones it needs. */
export interface InsightOptions {
  /** The moment the insights are computed for; defaults to the current time. */
  now?: Date;
  /** How many ISO weeks `applicationsPerWeek` covers, ending with the week of `now`. Default 12. */
  weeks?: number;
  /** How many locations `byLocation` names before folding the rest into "Other". Default 8. */
  topLocations?: number;
  /**
   * The user's offset from UTC in minutes (UTC+5:30 is 330), so that weeks start on the user's
   * Monday rather than UTC's. A fixed number, not the environment's time zone, keeps the functions
   * pure and gives the server the same answer as the browser. Default 0.
   */
  utcOffsetMinutes?: number;
}

export const DEFAULT_WEEKS = 12;
export const DEFAULT_TOP_LOCATIONS = 8;
export const DAY_MS = 86_400_000;
