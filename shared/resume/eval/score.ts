/**
 * Field-level scoring of parsed resumes against hand-written ground truth:
 * how many of a resume's name, contact details, job titles, employers, schools
 * and skills the parser found (recall) and how many of what it returned are
 * right (precision). Values are compared after the tidying a reader would not
 * notice (case, punctuation, spacing); skills by their taxonomy name, so "JS"
 * and "JavaScript" are one skill.
 */
import { z } from 'zod';
import { taxonomy } from '../../match/taxonomy';
import type { ParsedResume } from '../parsed-resume';

export const resumeTruthSchema = z.object({
  name: z.string(),
  email: z.string().optional(),
  phone: z.string().optional(),
  titles: z.array(z.string()),
  employers: z.array(z.string()),
  schools: z.array(z.string()),
  skills: z.array(z.string()),
});
export type ResumeTruth = z.infer<typeof resumeTruthSchema>;

export const EVAL_FIELDS = ['name', 'email', 'phone', 'titles', 'employers', 'schools', 'skills'] as const;
export type EvalField = (typeof EVAL_FIELDS)[number];

export interface FieldCounts {
  /** Values in the ground truth. */
  truth: number;
  /** Values the parser returned. */
  found: number;
  /** Values returned that match one in the ground truth (each truth value matched once). */
  correct: number;
}

export interface FieldMisses {
  missed: string[];
  extra: string[];
}

export interface ResumeScore {
  fields: Record<EvalField, FieldCounts>;
  misses: Record<EvalField, FieldMisses>;
}

function tidy(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/[^\p{L}\p{N}+#]+/gu, ' ')
    .trim();
}

function skillKey(value: string): string {
  const skill = taxonomy().byAlias.get(value.trim().toLowerCase());
  return skill ? `skill:${skill.name}` : tidy(value);
}

/** Phones compare on their last nine digits: "+44 7700 900482" and "07700 900482" are one number. */
function phoneKey(value: string): string {
  return value.replace(/\D/g, '').slice(-9);
}

/** A value found, with the other readings that count as it (a school's name with its place: "Kendriya Vidyalaya, Adyar"). */
type Found = string | readonly [shown: string, ...alternatives: string[]];

function compare(truth: readonly string[], found: readonly Found[], key: (v: string) => string): FieldCounts & FieldMisses {
  const remaining = new Map<string, number>();
  for (const t of truth) remaining.set(key(t), (remaining.get(key(t)) ?? 0) + 1);
  let correct = 0;
  const extra: string[] = [];
  for (const f of found) {
    const readings = typeof f === 'string' ? [f] : f;
    const k = readings.map(key).find((r) => (remaining.get(r) ?? 0) > 0);
    if (k !== undefined) {
      correct++;
      remaining.set(k, remaining.get(k)! - 1);
    } else extra.push(readings[0]);
  }
  const missed = truth.filter((t) => {
    const left = remaining.get(key(t)) ?? 0;
    if (left > 0) {
      remaining.set(key(t), left - 1);
      return true;
    }
    return false;
  });
  return { truth: truth.length, found: found.length, correct, missed, extra };
}

function uniqueBy(values: readonly string[], key: (v: string) => string): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(key(v)) && seen.add(key(v)));
}

const present = (v: string | undefined): string[] => (v && v.trim() ? [v] : []);

function withPlace(name: string | undefined, place: string | undefined): Found[] {
  if (!name || !name.trim()) return [];
  return place ? [[name, `${name}, ${place}`]] : [name];
}

/** Scores one parsed resume against its ground truth. */
export function scoreResume(parsed: ParsedResume, truth: ResumeTruth): ResumeScore {
  const results: Record<EvalField, FieldCounts & FieldMisses> = {
    name: compare([truth.name], present(parsed.contact.name), tidy),
    email: compare(present(truth.email), present(parsed.contact.email), tidy),
    phone: compare(present(truth.phone), present(parsed.contact.phone), phoneKey),
    titles: compare(truth.titles, parsed.experience.flatMap((e) => present(e.title)), tidy),
    // A name the parser split into name and place ("Kendriya Vidyalaya" in Adyar) is found: both show on the form.
    employers: compare(truth.employers, parsed.experience.flatMap((e) => withPlace(e.company, e.location)), tidy),
    schools: compare(truth.schools, parsed.education.flatMap((e) => withPlace(e.institution, e.location)), tidy),
    // Skills are a set: two names of one taxonomy skill ("Google Ads", "SEM") are one skill on either side.
    skills: compare(uniqueBy(truth.skills, skillKey), uniqueBy(parsed.skills, skillKey), skillKey),
  };
  const fields = {} as Record<EvalField, FieldCounts>;
  const misses = {} as Record<EvalField, FieldMisses>;
  for (const field of EVAL_FIELDS) {
    const { truth: t, found, correct, missed, extra } = results[field];
    fields[field] = { truth: t, found, correct };
    misses[field] = { missed, extra };
  }
  return { fields, misses };
}

export interface Rates {
  recall: number;
  precision: number;
  f1: number;
}

export function rates(counts: FieldCounts): Rates {
  const recall = counts.truth ? counts.correct / counts.truth : 1;
  const precision = counts.found ? counts.correct / counts.found : counts.truth ? 0 : 1;
  const f1 = recall + precision ? (2 * recall * precision) / (recall + precision) : 0;
  return { recall, precision, f1 };
}

export interface EvalSummary {
  fields: Record<EvalField, FieldCounts & Rates>;
  /** Every field's values pooled (micro average): the share of all values found. */
  overall: FieldCounts & Rates;
}

/** Sums per-resume counts by field and over all fields. */
export function summarise(scores: readonly ResumeScore[]): EvalSummary {
  const fields = {} as Record<EvalField, FieldCounts & Rates>;
  const total: FieldCounts = { truth: 0, found: 0, correct: 0 };
  for (const field of EVAL_FIELDS) {
    const sum: FieldCounts = { truth: 0, found: 0, correct: 0 };
    for (const s of scores) {
      sum.truth += s.fields[field].truth;
      sum.found += s.fields[field].found;
      sum.correct += s.fields[field].correct;
    }
    total.truth += sum.truth;
    total.found += sum.found;
    total.correct += sum.correct;
    fields[field] = { ...sum, ...rates(sum) };
  }
  return { fields, overall: { ...total, ...rates(total) } };
}
