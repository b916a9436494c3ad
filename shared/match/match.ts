/**
 * The match of one resume against one job: a deterministic score from 0 to
 * 100 with a band, and the breakdown behind it. Every part is a pure function
 * of the two inputs (no other jobs, no clock), so the same inputs always give
 * the same score, and each part can only rise when the resume shows more, so
 * adding a skill never lowers it.
 */
import { jobSkills, type JobSkill } from './requirements';
import { extractSkills, type SkillMention } from './skills';
import { ancestors, taxonomy } from './taxonomy';
import { checkTextSize, contentStems, tokenize } from './text';
import { stemWeights } from './relevance';
import { EDUCATION_NAMES, SENIORITY_STEMS, educationLevel, isRemote, markedSeniority, seniorityFromYears, seniorityOf, yearsAsked, yearsShown } from './profile';

/** Changes whenever the same inputs could score differently. */
import { ALGORITHM_VERSION } from './versions';

export { ALGORITHM_VERSION };

export interface MatchResume {
  readonly text: string;
  readonly title?: string;
  readonly location?: string;
  /** Skills the person listed (a parsed resume's skills), added to those found in the text. */
  readonly skills?: readonly string[];
  /** Years of experience from dated roles, when known. */
  readonly yearsFromDates?: number;
}

export interface MatchJob {
  readonly title?: string;
  readonly description?: string;
  readonly location?: string;
}

export type SkillStatus = 'met' | 'partly' | 'missing';
export interface SkillResult {
  readonly name: string;
  readonly status: SkillStatus;
  /** The resume line that shows it (met or partly met). */
  readonly evidence?: string;
  /** The resume's skill that shows it, when not the skill itself ("Mocha" for "Automated testing"). */
  readonly via?: string;
}

export type Band = 'excellent' | 'good' | 'fair' | 'low' | 'poor';
export interface Component {
  /** `semantic`: the server's sentence-embedding similarity (semantic-blend.ts); the offline engine never adds it. */
  readonly name: 'skills' | 'keywords' | 'title' | 'experience' | 'education' | 'location' | 'semantic';
  readonly weight: number;
  /** 0-1. */
  readonly score: number;
}

export interface MatchResult {
  readonly algorithmVersion: string;
  readonly taxonomyVersion: string;
  readonly score: number;
  readonly band: Band;
  /** "title-only" when the job has no description: only its title could be compared. */
  readonly basis: 'full' | 'title-only';
  readonly skills: { readonly required: SkillResult[]; readonly niceToHave: SkillResult[] };
  readonly title: { readonly score: number; readonly jobSeniority?: number; readonly resumeSeniority?: number };
  readonly experience: { readonly yearsAsked?: number; readonly yearsShown?: number };
  readonly education: { readonly asked?: string; readonly shown?: string };
  readonly location: { readonly remote: boolean; readonly job?: string; readonly resume?: string };
  readonly components: Component[];
}

const WEIGHTS: Record<Exclude<Component['name'], 'semantic'>, number> = { skills: 0.5, keywords: 0.2, title: 0.2, experience: 0.05, education: 0.05, location: 0.05 };
const NEED_WEIGHT = { required: 2, nice: 1 } as const;
/** Soft skills are asked for everywhere and shown nowhere explicitly: they count a quarter. */
const SOFT_FACTOR = 0.25;
const STATUS_VALUE: Record<SkillStatus, number> = { met: 1, partly: 0.5, missing: 0 };
/** Term coverage reaching this share already means the resume speaks the job's language. */
const KEYWORD_SATURATION = 0.5;

export function band(score: number): Band {
  if (score >= 80) return 'excellent';
  if (score >= 65) return 'good';
  if (score >= 50) return 'fair';
  if (score >= 35) return 'low';
  return 'poor';
}

/** The resume's skills: found in its text, plus those it lists, each with its evidence. */
export function resumeSkills(resume: MatchResume): Map<string, SkillMention> {
  const found = new Map(extractSkills(resume.text).map((m) => [m.name, m]));
  const tax = taxonomy();
  for (const listed of resume.skills ?? []) {
    const known = tax.byAlias.get(listed.trim().toLowerCase());
    const name = known?.name ?? listed.trim();
    if (name && !found.has(name)) {
      found.set(name, { name, family: known?.family ?? 'other', category: known?.category ?? 'other', evidence: `Skills: ${listed.trim()}`, unit: Number.MAX_SAFE_INTEGER });
    }
  }
  return found;
}

/** Met when the resume shows the skill or a more specific one; partly when it shows its broader skill or a sibling. */
export function skillStatus(name: string, have: ReadonlyMap<string, SkillMention>, ordered: readonly SkillMention[] = inOrder(have)): SkillResult {
  const exact = have.get(name);
  if (exact) return { name, status: 'met', evidence: exact.evidence };
  const tax = taxonomy();
  for (const m of ordered) if (ancestors(tax, m.name).has(name)) return { name, status: 'met', evidence: m.evidence, via: m.name };
  const mine = ancestors(tax, name);
  const direct = tax.skills.get(name)?.parents ?? [];
  for (const m of ordered) {
    const theirs = tax.skills.get(m.name)?.parents ?? [];
    if (mine.has(m.name) || theirs.some((p) => direct.includes(p))) return { name, status: 'partly', evidence: m.evidence, via: m.name };
  }
  return { name, status: 'missing' };
}

/** Skills in the order the resume shows them, so evidence is the first line that does. */
function inOrder(have: ReadonlyMap<string, SkillMention>): SkillMention[] {
  return [...have.values()].sort((a, b) => a.unit - b.unit || a.name.localeCompare(b.name));
}

/** The skills part: weighted share of the job's skills met (partly met counts half), from weights computed once per job. */
function skillsComponent(required: readonly SkillResult[], nice: readonly SkillResult[], parts: JobParts): number | undefined {
  let total = 0;
  let got = 0;
  for (let i = 0; i < required.length; i += 1) {
    total += parts.requiredWeights[i]!;
    got += parts.requiredWeights[i]! * STATUS_VALUE[required[i]!.status];
  }
  for (let i = 0; i < nice.length; i += 1) {
    total += parts.niceWeights[i]!;
    got += parts.niceWeights[i]! * STATUS_VALUE[nice[i]!.status];
  }
  return total === 0 ? undefined : got / total;
}

/** Share of the job title's wanted stems (unique, without level words) found in `other`. */
function overlap(wanted: readonly string[], other: ReadonlySet<string>): number {
  if (wanted.length === 0) return 0;
  let found = 0;
  for (const stem of wanted) if (other.has(stem)) found += 1;
  return found / wanted.length;
}

/**
 * What ranking many jobs needs from each job beyond its analysis, derived once
 * per analysis (ranking 20,000 jobs reads each of them once per resume): the
 * skill names by need with their weights, the job's stems and weights as arrays
 * in the map's order (the same sums, in the same order, as termCoverage), and
 * the title's wanted stems.
 */
interface JobParts {
  readonly required: readonly string[];
  readonly nice: readonly string[];
  readonly requiredWeights: readonly number[];
  readonly niceWeights: readonly number[];
  readonly stems: readonly string[];
  readonly stemWeights: readonly number[];
  readonly totalWeight: number;
  readonly titleWanted: readonly string[];
}

const jobPartsCache = new WeakMap<JobAnalysis, JobParts>();

function jobParts(j: JobAnalysis): JobParts {
  let parts = jobPartsCache.get(j);
  if (parts) return parts;
  const family = new Map(j.skills.map((s) => [s.name, s.family]));
  const weightOf = (name: string, need: number) => need * (family.get(name) === 'soft' ? SOFT_FACTOR : 1);
  const required = j.skills.filter((s) => s.need === 'required').map((s) => s.name);
  const nice = j.skills.filter((s) => s.need === 'nice').map((s) => s.name);
  const stems = [...j.weights.keys()];
  const stemWeights = [...j.weights.values()];
  let totalWeight = 0;
  for (const w of stemWeights) totalWeight += w;
  parts = {
    required,
    nice,
    requiredWeights: required.map((n) => weightOf(n, NEED_WEIGHT.required)),
    niceWeights: nice.map((n) => weightOf(n, NEED_WEIGHT.nice)),
    stems,
    stemWeights,
    totalWeight,
    titleWanted: [...new Set(j.titleStems.filter((s) => !SENIORITY_STEMS.has(s)))],
  };
  jobPartsCache.set(j, parts);
  return parts;
}

/** termCoverage on a job's parts: the same additions in the same order, without walking a map. */
function coverageOf(stems: ReadonlySet<string>, parts: JobParts): number {
  if (parts.totalWeight === 0) return 0;
  let covered = 0;
  for (let i = 0; i < parts.stems.length; i += 1) if (stems.has(parts.stems[i]!)) covered += parts.stemWeights[i]!;
  return covered / parts.totalWeight;
}

/**
 * A skill's status depends only on the resume's skills, and the same few
 * hundred skill names recur across thousands of jobs: each resume (its skills
 * map and their order, which changed resumes in feedback replace) keeps the
 * statuses it has computed. Results are read-only, so sharing them is safe.
 */
const statusCache = new WeakMap<ReadonlyMap<string, SkillMention>, WeakMap<readonly SkillMention[], Map<string, SkillResult>>>();

function statusesOf(r: ResumeAnalysis): Map<string, SkillResult> {
  let byOrder = statusCache.get(r.skills);
  if (!byOrder) statusCache.set(r.skills, (byOrder = new WeakMap()));
  let statuses = byOrder.get(r.ordered);
  if (!statuses) byOrder.set(r.ordered, (statuses = new Map()));
  return statuses;
}

function statusesFor(names: readonly string[], r: ResumeAnalysis, statuses: Map<string, SkillResult>): SkillResult[] {
  const out = new Array<SkillResult>(names.length);
  for (let i = 0; i < names.length; i += 1) {
    const name = names[i]!;
    let status = statuses.get(name);
    if (!status) statuses.set(name, (status = skillStatus(name, r.skills, r.ordered)));
    out[i] = status;
  }
  return out;
}

/** What matching reads from a resume, computed once and reused for every job it is matched against. */
export interface ResumeAnalysis {
  readonly resume: MatchResume;
  readonly skills: ReadonlyMap<string, SkillMention>;
  readonly ordered: readonly SkillMention[];
  readonly stems: ReadonlySet<string>;
  readonly titleStems: ReadonlySet<string>;
  readonly yearsShown?: number;
  readonly seniority?: number;
  readonly education?: number;
}

/** What matching reads from a job, computed once (it can be cached with the job until its text changes). */
export interface JobAnalysis {
  readonly job: MatchJob;
  readonly titleOnly: boolean;
  readonly skills: readonly JobSkill[];
  readonly weights: ReadonlyMap<string, number>;
  readonly titleStems: readonly string[];
  readonly seniority?: number;
  readonly yearsAsked?: number;
  readonly education?: number;
  readonly remote: boolean;
}

export function analyzeResume(resume: MatchResume): ResumeAnalysis {
  checkTextSize(resume.text, 'The resume');
  checkTextSize(resume.title ?? '', 'The resume title');
  const skills = resumeSkills(resume);
  const shown = yearsShown(resume.text, resume.yearsFromDates);
  // A resume title without a level word ("Data Engineer") says nothing of seniority: years say more.
  const seniority = markedSeniority(resume.title) ?? (shown !== undefined ? seniorityFromYears(shown) : seniorityOf(resume.title));
  const education = educationLevel(resume.text);
  return {
    resume,
    skills,
    ordered: inOrder(skills),
    stems: new Set(contentStems(tokenize(resume.text))),
    titleStems: new Set(contentStems(tokenize(resume.title ?? ''))),
    ...(shown !== undefined ? { yearsShown: shown } : {}),
    ...(seniority !== undefined ? { seniority } : {}),
    ...(education !== undefined ? { education } : {}),
  };
}

export function analyzeJob(job: MatchJob): JobAnalysis {
  checkTextSize(job.description ?? '', 'The job description');
  checkTextSize(job.title ?? '', 'The job title');
  const description = job.description?.trim() ?? '';
  const titleOnly = description.length === 0;
  const seniority = seniorityOf(job.title);
  const asked = titleOnly ? undefined : yearsAsked(description);
  const education = titleOnly ? undefined : educationLevel(description);
  const analysis: JobAnalysis = {
    job,
    titleOnly,
    skills: titleOnly ? [] : jobSkills(description),
    weights: titleOnly ? new Map() : stemWeights(description),
    titleStems: contentStems(tokenize(job.title ?? '')),
    ...(seniority !== undefined ? { seniority } : {}),
    ...(asked !== undefined ? { yearsAsked: asked } : {}),
    ...(education !== undefined ? { education } : {}),
    remote: isRemote(`${job.location ?? ''} ${description}`),
  };
  // Derived here, with the rest of the job's reading, so ranking many jobs only compares.
  jobParts(analysis);
  return analysis;
}

export function match(resume: MatchResume, job: MatchJob): MatchResult {
  return matchAnalyzed(analyzeResume(resume), analyzeJob(job));
}

export function matchAnalyzed(r: ResumeAnalysis, j: JobAnalysis): MatchResult {
  const components: Component[] = [];

  const parts = jobParts(j);
  const statuses = statusesOf(r);

  // Skills: required and nice to have, each met, partly met or missing.
  const required = statusesFor(parts.required, r, statuses);
  const niceToHave = statusesFor(parts.nice, r, statuses);
  const skillScore = skillsComponent(required, niceToHave, parts);
  if (skillScore !== undefined) components.push({ name: 'skills', weight: WEIGHTS.skills, score: skillScore });

  if (!j.titleOnly) {
    const coverage = coverageOf(r.stems, parts);
    components.push({ name: 'keywords', weight: WEIGHTS.keywords, score: Math.min(1, coverage / KEYWORD_SATURATION) });
  }

  // Title: the kind of job (words of the job's title in the resume's title, or less so in its text) and seniority.
  let titleScore: number | undefined;
  if (j.job.title?.trim()) {
    const kind = Math.max(overlap(parts.titleWanted, r.titleStems), 0.7 * overlap(parts.titleWanted, r.stems));
    const seniorityFit =
      j.seniority !== undefined && r.seniority !== undefined
        ? Math.max(0, 1 - 0.3 * Math.max(0, j.seniority - r.seniority) - 0.15 * Math.max(0, r.seniority - j.seniority))
        : undefined;
    titleScore = seniorityFit === undefined ? kind : 0.8 * kind + 0.2 * seniorityFit;
    components.push({ name: 'title', weight: j.titleOnly ? 1 : WEIGHTS.title, score: titleScore });
  }

  if (j.yearsAsked !== undefined) {
    // Not shown is not the same as too few: it scores half.
    components.push({ name: 'experience', weight: WEIGHTS.experience, score: r.yearsShown === undefined ? 0.5 : Math.min(1, r.yearsShown / j.yearsAsked) });
  }

  if (j.education !== undefined) {
    const eduScore = r.education === undefined ? 0.3 : r.education >= j.education ? 1 : 0.5;
    components.push({ name: 'education', weight: WEIGHTS.education, score: eduScore });
  }

  const jobLocation = j.job.location;
  const resumeLocation = r.resume.location;
  const locationScore = j.remote ? 1 : jobLocation && resumeLocation ? (sameCity(jobLocation, resumeLocation) ? 1 : 0.3) : undefined;
  if (locationScore !== undefined) components.push({ name: 'location', weight: WEIGHTS.location, score: locationScore });

  const score = Math.round(100 * exactScore(components));
  return {
    algorithmVersion: ALGORITHM_VERSION,
    taxonomyVersion: taxonomy().version,
    score,
    band: band(score),
    basis: j.titleOnly ? 'title-only' : 'full',
    skills: { required, niceToHave },
    title: { score: round2(titleScore ?? 0), ...(j.seniority !== undefined ? { jobSeniority: j.seniority } : {}), ...(r.seniority !== undefined ? { resumeSeniority: r.seniority } : {}) },
    experience: { ...(j.yearsAsked !== undefined ? { yearsAsked: j.yearsAsked } : {}), ...(r.yearsShown !== undefined ? { yearsShown: r.yearsShown } : {}) },
    education: { ...(j.education !== undefined ? { asked: EDUCATION_NAMES[j.education] } : {}), ...(r.education !== undefined ? { shown: EDUCATION_NAMES[r.education] } : {}) },
    location: { remote: j.remote, ...(jobLocation ? { job: jobLocation } : {}), ...(resumeLocation ? { resume: resumeLocation } : {}) },
    components: components.map((c) => ({ ...c, score: round2(c.score) })),
  };
}

/** The weighted mean of the parts present, unrounded: what rankings sort by. */
export function exactScore(components: readonly Component[]): number {
  const total = components.reduce((s, c) => s + c.weight, 0);
  return total === 0 ? 0 : components.reduce((s, c) => s + c.weight * c.score, 0) / total;
}

function sameCity(a: string, b: string): boolean {
  const first = (s: string) => s.split(/[,(]/)[0]!.trim().toLowerCase();
  return first(a) !== '' && first(a) === first(b);
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
