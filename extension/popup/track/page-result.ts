import type { PageExtraction } from '../../../shared/sites/types';

/**
 * What the injected script (entrypoints/track-page.ts) hands back through
 * `scripting.executeScript`: plain data, so it survives structured cloning.
 */
export type TrackPageResult =
  /** `rulesVersion`: the rule set the page was read with, recorded with the job. */
  | { ok: true; url: string; extraction: PageExtraction; rulesVersion?: number }
  | { ok: false; error: string };

/** The script's path in the built extension. */
export const TRACK_PAGE_SCRIPT = '/track-page.js';
