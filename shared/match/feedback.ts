/**
 * The few changes that would raise a resume's match the most, in order. Each
 * change is measured, not guessed: the match is computed again with the change
 * made (a missing skill shown, a headline naming the role, the years or the
 * degree stated) and the gain is the difference in score. Only changes a
 * person can truthfully make are proposed: shown years are never raised, a
 * degree is only asked to be named when the resume names none.
 */
import { analyzeJob, analyzeResume, exactScore, matchAnalyzed, type JobAnalysis, type MatchJob, type MatchResume, type ResumeAnalysis } from './match';
import { MAX_FEEDBACK_JOBS } from './input-limits';
import type { SkillMention } from './skills';
import { taxonomy } from './taxonomy';
import { EDUCATION_NAMES } from './profile';

export type FeedbackKind = 'skill' | 'title' | 'experience' | 'education';

export interface FeedbackItem {
  readonly kind: FeedbackKind;
  /** What to change, said to the person. */
  readonly text: string;
  /** Score points (0-100 scale) the change adds, averaged over the jobs considered. */
  readonly gain: number;
  /** The skill to show (kind "skill"). */
  readonly skill?: string;
  /** The jobs whose score it raises (for several jobs). */
  readonly jobIds?: readonly string[];
}

export interface FeedbackJob {
  readonly id: string;
  readonly job: MatchJob;
}

export const DEFAULT_FEEDBACK_ITEMS = 5;
export { MAX_FEEDBACK_JOBS };

interface Change {
  readonly key: string;
  readonly kind: FeedbackKind;
  readonly skill?: string;
  readonly text: string;
  readonly apply: (r: ResumeAnalysis) => ResumeAnalysis;
}

/** The resume as it would read with the skill shown in its skills section. */
function withSkill(r: ResumeAnalysis, name: string): ResumeAnalysis {
  const known = taxonomy().skills.get(name);
  const mention: SkillMention = { name, family: known?.family ?? 'other', category: known?.category ?? 'other', evidence: `Skills: ${name}`, unit: Number.MAX_SAFE_INTEGER };
  return { ...r, skills: new Map(r.skills).set(name, mention), ordered: [...r.ordered, mention] };
}

/** Every change worth trying for one job, keyed so the same change for several jobs adds up. */
function changesFor(r: ResumeAnalysis, j: JobAnalysis): Change[] {
  const result = matchAnalyzed(r, j);
  const changes: Change[] = [];
  for (const [need, list] of [['required', result.skills.required], ['nice', result.skills.niceToHave]] as const) {
    for (const s of list) {
      if (s.status === 'met') continue;
      const asked = need === 'required' ? 'asked for' : 'welcome';
      const text =
        s.status === 'partly'
          ? `Name ${s.name} itself if you have used it: your resume shows ${s.via ?? 'a related skill'}, and ${s.name} is ${asked}.`
          : `Show ${s.name} if you have used it (in your skills and the role where you did): it is ${asked}.`;
      changes.push({ key: `skill:${s.name}`, kind: 'skill', skill: s.name, text, apply: (x) => withSkill(x, s.name) });
    }
  }
  const jobTitle = j.job.title?.trim();
  if (jobTitle && result.title.score < 1 && j.titleStems.length > 0) {
    changes.push({
      key: `title:${jobTitle.toLowerCase()}`,
      kind: 'title',
      text: `Use a headline that names the role, such as "${jobTitle}", if it describes you.`,
      apply: (x) => ({ ...x, titleStems: new Set([...x.titleStems, ...j.titleStems]) }),
    });
  }
  if (j.yearsAsked !== undefined && r.yearsShown === undefined) {
    const asked = j.yearsAsked;
    changes.push({ key: 'experience', kind: 'experience', text: 'State your years of experience in your summary, and date every role.', apply: (x) => ({ ...x, yearsShown: asked }) });
  }
  if (j.education !== undefined && r.education === undefined) {
    const asked = j.education;
    changes.push({ key: 'education', kind: 'education', text: `Name your highest qualification (the job asks for: ${EDUCATION_NAMES[asked]}).`, apply: (x) => ({ ...x, education: asked }) });
  }
  return changes;
}

interface Tally {
  change: Change;
  total: number;
  jobIds: string[];
}

/** Gains summed over the jobs, then averaged over all of them, so a change that helps one job of ten ranks below one that helps all ten. */
function rankChanges(r: ResumeAnalysis, jobs: readonly { id: string; analysis: JobAnalysis }[], limit: number): FeedbackItem[] {
  const tallies = new Map<string, Tally>();
  for (const { id, analysis } of jobs) {
    const base = exactScore(matchAnalyzed(r, analysis).components);
    for (const change of changesFor(r, analysis)) {
      const gain = exactScore(matchAnalyzed(change.apply(r), analysis).components) - base;
      if (gain <= 0) continue;
      const tally = tallies.get(change.key) ?? { change, total: 0, jobIds: [] };
      tally.total += gain;
      tally.jobIds.push(id);
      tallies.set(change.key, tally);
    }
  }
  const count = Math.max(1, jobs.length);
  return [...tallies.values()]
    .map((t) => ({ t, gain: Math.round((1000 * t.total) / count) / 10 }))
    .filter(({ gain }) => gain > 0)
    .sort((a, b) => b.gain - a.gain || a.t.change.key.localeCompare(b.t.change.key))
    .slice(0, limit)
    .map(({ t, gain }) => ({
      kind: t.change.kind,
      text: t.change.text,
      gain,
      ...(t.change.skill !== undefined ? { skill: t.change.skill } : {}),
      jobIds: t.jobIds,
    }));
}

export function feedbackForJob(resume: MatchResume, job: MatchJob, limit = DEFAULT_FEEDBACK_ITEMS): FeedbackItem[] {
  return rankChanges(analyzeResume(resume), [{ id: 'job', analysis: analyzeJob(job) }], limit).map(({ jobIds: _ignored, ...item }) => item);
}

/** Across the jobs a person is applying to: the changes that help most of them most. */
export function feedbackForJobs(resume: MatchResume, jobs: readonly FeedbackJob[], limit = DEFAULT_FEEDBACK_ITEMS): FeedbackItem[] {
  return feedbackAnalyzed(analyzeResume(resume), jobs.slice(0, MAX_FEEDBACK_JOBS).map((j) => ({ id: j.id, analysis: analyzeJob(j.job) })), limit);
}

/** For callers that keep job analyses (the extension's worker). */
export function feedbackAnalyzed(resume: ResumeAnalysis, jobs: readonly { id: string; analysis: JobAnalysis }[], limit = DEFAULT_FEEDBACK_ITEMS): FeedbackItem[] {
  return rankChanges(resume, jobs.slice(0, MAX_FEEDBACK_JOBS), limit);
}
