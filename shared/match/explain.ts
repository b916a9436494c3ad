/**
 * Words for the parts of a match a person reads on the job's page. Pure, so
 * every page (and the server's answer) says the same thing the same way.
 */
import type { MatchResult, SkillResult } from './match';

/** profile.ts's levels, 0 to 5. */
const SENIORITY_NAMES = ['intern', 'junior', 'mid-level', 'senior', 'lead', 'director'] as const;

export function seniorityName(level: number | undefined): string | undefined {
  return level === undefined ? undefined : SENIORITY_NAMES[Math.max(0, Math.min(SENIORITY_NAMES.length - 1, Math.round(level)))];
}

export function skillCounts(list: readonly SkillResult[]): { met: number; partly: number; missing: number } {
  const counts = { met: 0, partly: 0, missing: 0 };
  for (const s of list) counts[s.status] += 1;
  return counts;
}

export function titleLine(result: MatchResult): string {
  const job = seniorityName(result.title.jobSeniority);
  const mine = seniorityName(result.title.resumeSeniority);
  const fit = `${Math.round(result.title.score * 100)}% title fit`;
  if (job && mine) return `${fit}; the job is ${job}, your resume reads ${mine}`;
  if (job) return `${fit}; the job is ${job}`;
  return fit;
}

export function experienceLine(result: MatchResult): string {
  const { yearsAsked, yearsShown } = result.experience;
  const shown = yearsShown === undefined ? 'no years shown' : `${yearsShown} ${yearsShown === 1 ? 'year' : 'years'} shown`;
  return yearsAsked === undefined ? `No years asked; ${shown}` : `${yearsAsked}+ years asked; ${shown}`;
}

export function educationLine(result: MatchResult): string {
  const { asked, shown } = result.education;
  const yours = shown ? `${shown} shown` : 'none shown';
  return asked ? `${asked} asked; ${yours}` : `None asked; ${yours}`;
}

export function locationLine(result: MatchResult): string {
  const { remote, job, resume } = result.location;
  if (remote) return job ? `Remote (${job})` : 'Remote';
  if (job && resume) return `${job}; you are in ${resume}`;
  return job ?? 'No location given';
}

/** Where a match was computed, for "Computed …": the device, or the server's engine by the name its answer gives. */
export function engineLine(engine: 'device' | string): string {
  switch (engine) {
    case 'device':
      return 'on this device';
    case 'offline':
      return 'by the server (the same engine as this device)';
    case 'server':
      return 'by the server, with semantic similarity';
    case 'external':
      return "by the server's external ML service";
    default:
      return 'by the server';
  }
}
