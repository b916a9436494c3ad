import type { Detection } from '../schema/job';
import type { PageExtraction, SignalType } from './types';

/**
 * What recognised a job, as its record keeps it: the rule-set version the
 * extraction ran with, the signal that made it a record (the caller names it
 * when several are on the page: a confirmation is recorded unasked, a badge
 * only when the user confirms) and the page's layout. Without a signal, a
 * page the site module knows as a job page is 'job_page' ("Track this page"
 * on a posting); otherwise undefined, so nothing is claimed for a job the
 * user typed in.
 */
export function detectionOf(
  page: Pick<PageExtraction, 'signals' | 'layout'> & { kind?: PageExtraction['kind'] },
  rulesVersion: number,
  signal: SignalType | 'job_page' | undefined = page.signals[0]?.type ?? (page.kind === 'job' ? 'job_page' : undefined),
): Detection | undefined {
  if (!signal) return undefined;
  return { rulesVersion, signal, ...(page.layout ? { layout: page.layout } : {}) };
}
