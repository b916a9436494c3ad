import { z } from 'zod';
import { MAX_OUTCOMES } from '../../shared/match/odds';
import { parsedResumeSchema } from '../../shared/resume/parsed-resume';

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

// Two schemas rather than a union: a union's error says only "invalid input" at `resume`,
// while choosing by shape first names the exact field that is wrong.
const matchTextBodySchema = z.object({ resume: textResumeSchema, job: matchJobSchema }).strict();
const matchParsedBodySchema = z.object({ resume: parsedResumeSchema, job: matchJobSchema }).strict();

export type MatchBody = z.infer<typeof matchTextBodySchema> | z.infer<typeof matchParsedBodySchema>;

/** `{ text }` resumes are plain text; anything else must be a parsed resume. */
export function matchBodySchema(body: unknown): z.ZodType<MatchBody> {
  const resume = (body as { resume?: unknown } | null)?.resume;
  const isText = typeof resume === 'object' && resume !== null && 'text' in resume;
  return isText ? matchTextBodySchema : matchParsedBodySchema;
}

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
