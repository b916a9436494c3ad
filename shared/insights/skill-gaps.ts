import type { Job } from '../schema/job';

/**
 * The skills a person's matched jobs most often ask for and their resume does
 * not show, from each job's stored match (`mlAnalysis`, written by
 * shared/match through toMlAnalysis). Jobs never matched say nothing and are
 * left out; skill names are compared without case, shown as first spelled.
 */

export interface SkillGap {
  name: string;
  /** Matched jobs that ask for the skill and found it missing. */
  missingIn: number;
  /** Matched jobs that ask for it and found it shown. */
  metIn: number;
  /** missingIn over the matched jobs, 0 to 1. */
  shareOfMatched: number;
}

export interface SkillGaps {
  /** Jobs with a stored match (the denominator of every share). */
  matchedJobs: number;
  /** Most missing first; ties by name. */
  gaps: SkillGap[];
}

export const DEFAULT_TOP_GAPS = 20;

export function skillGaps(jobs: readonly Job[], top = DEFAULT_TOP_GAPS): SkillGaps {
  const byKey = new Map<string, { name: string; missingIn: number; metIn: number }>();
  let matchedJobs = 0;
  const count = (names: readonly string[] | undefined, field: 'missingIn' | 'metIn') => {
    // A job naming a skill twice counts once.
    for (const key of new Set((names ?? []).map((name) => name.trim().toLowerCase()).filter(Boolean))) {
      const name = names!.find((candidate) => candidate.trim().toLowerCase() === key)!.trim();
      const entry = byKey.get(key) ?? { name, missingIn: 0, metIn: 0 };
      entry[field] += 1;
      byKey.set(key, entry);
    }
  };
  for (const job of jobs) {
    const analysis = job.mlAnalysis;
    if (!analysis || (analysis.matchedSkills === undefined && analysis.missingSkills === undefined)) continue;
    matchedJobs += 1;
    count(analysis.missingSkills, 'missingIn');
    count(analysis.matchedSkills, 'metIn');
  }
  const gaps = [...byKey.values()]
    .filter((entry) => entry.missingIn > 0)
    .sort((a, b) => b.missingIn - a.missingIn || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, top)
    .map((entry) => ({ ...entry, shareOfMatched: entry.missingIn / matchedJobs }));
  return { matchedJobs, gaps };
}
