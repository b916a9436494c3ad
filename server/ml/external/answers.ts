import { z } from 'zod';
import type { AtsItemId, AtsReport, AtsStatus } from '../../../shared/match/ats-check';
import type { FeedbackItem, FeedbackKind } from '../../../shared/match/feedback';
import type { Band, Component, MatchResult } from '../../../shared/match/match';
import type { OddsFactorName, OddsResult } from '../../../shared/match/odds';
import type { Recommendation } from '../../../shared/match/recommend';

/**
 * What an external ML service must answer, route by route: the built-in
 * engine's own result types, as schemas. An answer that does not fit is
 * refused (and the built-in engine answers instead); fields the contract does
 * not name are dropped, so nothing unexpected reaches a client. Each schema is
 * checked against its type by the compiler (`satisfies`), so the two cannot drift.
 */

/** Every member of a union type, listed once; the Record makes the compiler reject a missing or unknown one. */
const members = <T extends string>(all: Record<T, true>) => z.enum(Object.keys(all) as [T, ...T[]]);

const text = z.string().max(10_000);
const short = z.string().max(500);
const finite = z.number().finite();
const unit = finite.min(0).max(1);
const percent = finite.min(0).max(100);

const band = members<Band>({ excellent: true, good: true, fair: true, low: true, poor: true });

const skill = z.object({
  name: short,
  status: z.enum(['met', 'partly', 'missing']),
  evidence: text.optional(),
  via: short.optional(),
});

const component = z.object({
  name: members<Component['name']>({ skills: true, keywords: true, title: true, experience: true, education: true, location: true, semantic: true }),
  weight: unit,
  score: unit,
});

const matchAnswer = z.object({
  algorithmVersion: short,
  taxonomyVersion: short,
  score: percent,
  band,
  basis: z.enum(['full', 'title-only']),
  skills: z.object({ required: z.array(skill).max(500), niceToHave: z.array(skill).max(500) }),
  title: z.object({ score: unit, jobSeniority: finite.optional(), resumeSeniority: finite.optional() }),
  experience: z.object({ yearsAsked: finite.optional(), yearsShown: finite.optional() }),
  education: z.object({ asked: short.optional(), shown: short.optional() }),
  location: z.object({ remote: z.boolean(), job: short.optional(), resume: short.optional() }),
  components: z.array(component).max(20),
}) satisfies z.ZodType<MatchResult>;

const atsStatus = members<AtsStatus>({ pass: true, warn: true, fail: true, 'not-checked': true });
const atsAnswer = z.object({
  checkVersion: finite,
  taxonomyVersion: short.optional(),
  items: z.array(z.object({
    id: members<AtsItemId>({
      'text-layer': true, 'reading-order': true, 'columns-tables': true, 'unmapped-characters': true, 'images-of-text': true,
      contact: true, 'section-headings': true, 'dated-experience': true, 'bullet-length': true, 'bullet-numbers': true,
      'action-verbs': true, length: true, 'file-type-size': true, 'keyword-coverage': true,
    }),
    status: atsStatus,
    detail: text,
    fix: text.optional(),
  })).max(100),
  counts: z.object({ pass: finite, warn: finite, fail: finite, 'not-checked': finite }),
}) satisfies z.ZodType<AtsReport>;

const baseRate = z.object({ outcomes: finite, interviews: finite, rate: unit, low: unit, high: unit });
const interviewAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('base-rate'), version: finite, probability: unit, baseRate, message: text }),
  z.object({
    kind: z.literal('model'),
    version: finite,
    probability: unit,
    baseRate,
    factors: z.array(z.object({
      feature: members<OddsFactorName>({ matchScore: true, site: true, source: true, daysToApply: true, contact: true }),
      logOdds: finite,
    })).max(100),
  }),
]) satisfies z.ZodType<OddsResult>;

const recommendation = z.object({
  id: short,
  score: percent,
  band,
  reasons: z.array(short).max(20),
  missing: z.array(short).max(20),
}) satisfies z.ZodType<Recommendation>;

const feedbackItem = z.object({
  kind: members<FeedbackKind>({ skill: true, title: true, experience: true, education: true }),
  text,
  gain: finite,
  skill: short.optional(),
  jobIds: z.array(short).max(1000).optional(),
}) satisfies z.ZodType<FeedbackItem>;

/** One schema per route, keyed like the engine's kinds. */
export const answerSchemas = {
  match: matchAnswer,
  ats: atsAnswer,
  interview: interviewAnswer,
  recommend: z.object({ recommendations: z.array(recommendation).max(1000) }),
  feedback: z.object({ items: z.array(feedbackItem).max(100) }),
} as const;

export type AnswerKind = keyof typeof answerSchemas;
export type Answer<K extends AnswerKind> = z.infer<(typeof answerSchemas)[K]>;
