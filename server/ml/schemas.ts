import { z } from 'zod';
import { MAX_FEEDBACK_JOBS, MAX_RECOMMEND_JOBS } from '../../shared/match/input-limits';
import { MAX_OUTCOMES } from '../../shared/match/odds';
import { parsedResumeSchema } from '../../shared/resume/parsed-resume';
import { statusSchema } from '../../shared/schema/job';

/**
 * Request bodies of /api/ml. Objects are strict, so a misspelt field is named
 * in the 400 rather than ignored. Text lengths are not limited here: the
 * engine's own 200,000-character cap answers 413 with the field's name, and
 * the body limit bounds everything else.
 */

const textResumeSchema = z.object({
  text: z.string(),
  title: z.string().optional(),
  location: z.string().optional(),
}).strict();

const matchJobSchema = z.object({
  title: z.string(),
  description: z.string().optional(),
  location: z.string().optional(),
}).strict();

type ResumeBody = { resume: z.infer<typeof textResumeSchema> | z.infer<typeof parsedResumeSchema> };

/**
 * A body with a resume, as a function of the body: `{ text }` resumes are plain
 * text, anything else must be a parsed resume. Two schemas rather than a union:
 * a union's error says only "invalid input" at `resume`, while choosing by
 * shape first names the exact field that is wrong.
 */
function withResume<S extends z.ZodRawShape>(shape: S, refine?: (body: z.infer<z.ZodObject<S>>, ctx: z.RefinementCtx) => void) {
  const text = z.object({ resume: textResumeSchema, ...shape }).strict();
  const parsed = z.object({ resume: parsedResumeSchema, ...shape }).strict();
  type Body = z.infer<z.ZodObject<S>> & ResumeBody;
  return (body: unknown): z.ZodType<Body> => {
    const resume = (body as { resume?: unknown } | null)?.resume;
    const isText = typeof resume === 'object' && resume !== null && 'text' in resume;
    const schema = (isText ? text : parsed) as unknown as z.ZodType<Body>;
    return refine ? schema.superRefine((value, ctx) => refine(value, ctx)) : schema;
  };
}

export const matchBodySchema = withResume({ job: matchJobSchema });
export type MatchBody = z.infer<ReturnType<typeof matchBodySchema>>;

const jobId = z.string().min(1).max(200);
const limit = (max: number) => z.number().int().min(1).max(max).optional();

/** Saved jobs to rank ("apply next"); other statuses are accepted and left out of the ranking. */
export const recommendBodySchema = withResume({
  jobs: z.array(z.object({ id: jobId, status: statusSchema, job: matchJobSchema }).strict()).max(MAX_RECOMMEND_JOBS, `must have at most ${MAX_RECOMMEND_JOBS} jobs`),
  limit: limit(100),
});
export type RecommendBody = z.infer<ReturnType<typeof recommendBodySchema>>;

/** Changes that would raise the match most: for one `job`, or across the `jobs` a person is applying to. */
export const feedbackBodySchema = withResume({
  job: matchJobSchema.optional(),
  jobs: z.array(z.object({ id: jobId, job: matchJobSchema }).strict()).min(1).max(MAX_FEEDBACK_JOBS, `must have at most ${MAX_FEEDBACK_JOBS} jobs`).optional(),
  limit: limit(20),
}, (body, ctx) => {
  if ((body.job === undefined) === (body.jobs === undefined)) ctx.addIssue({ code: 'custom', path: ['job'], message: 'give either job or jobs, not both or neither' });
});
export type FeedbackBody = z.infer<ReturnType<typeof feedbackBodySchema>>;

const count = z.number().int().min(0);

/** The ATS check's input (AtsCheckInput): a parse outcome plus the file's facts and an optional job. */
export const atsBodySchema = z.object({
  resume: parsedResumeSchema,
  text: z.string(),
  kind: z.enum(['pdf', 'docx', 'image']),
  bytes: count,
  pages: count,
  ocrPages: count,
  layout: z.object({
    columns: count.optional(),
    tableRows: count.optional(),
    unmappedGlyphs: count.optional(),
    images: count.optional(),
  }).strict().optional(),
  job: z.object({ title: z.string().optional(), text: z.string() }).strict().optional(),
}).strict();

const category = z.string().max(200);
const oddsFeaturesShape = {
  matchScore: z.number().min(0).max(100).optional(),
  site: category.optional(),
  source: category.optional(),
  daysToApply: z.number().min(0).max(36_500).optional(),
  hasContact: z.boolean().optional(),
};

/** History oldest first, as interviewOdds takes it; capped at the engine's MAX_OUTCOMES. */
export const interviewBodySchema = z.object({
  history: z.array(z.object({ ...oddsFeaturesShape, interviewed: z.boolean() }).strict()).max(MAX_OUTCOMES, `must have at most ${MAX_OUTCOMES} outcomes`),
  candidate: z.object(oddsFeaturesShape).strict(),
}).strict();
export type InterviewBody = z.infer<typeof interviewBodySchema>;
export type AtsBody = z.infer<typeof atsBodySchema>;
