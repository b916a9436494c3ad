/**
 * A MatchResult as another party sends it (the server's /api/ml/match), checked
 * before a page shows it: a wrong shape is refused rather than drawn. Lengths
 * are bounded so a hostile answer cannot make the page render megabytes.
 */
import { z } from 'zod';

const unit = z.number().min(0).max(1);
const short = z.string().max(200);
const skill = z.object({
  name: short,
  status: z.enum(['met', 'partly', 'missing']),
  evidence: z.string().max(2_000).optional(),
  via: short.optional(),
});
const skills = z.array(skill).max(500);

export const matchResultSchema = z.object({
  algorithmVersion: short,
  taxonomyVersion: short,
  score: z.number().min(0).max(100),
  band: z.enum(['excellent', 'good', 'fair', 'low', 'poor']),
  basis: z.enum(['full', 'title-only']),
  skills: z.object({ required: skills, niceToHave: skills }),
  title: z.object({ score: unit, jobSeniority: z.number().min(0).max(10).optional(), resumeSeniority: z.number().min(0).max(10).optional() }),
  experience: z.object({ yearsAsked: z.number().min(0).max(100).optional(), yearsShown: z.number().min(0).max(100).optional() }),
  education: z.object({ asked: short.optional(), shown: short.optional() }),
  location: z.object({ remote: z.boolean(), job: z.string().max(1_000).optional(), resume: z.string().max(1_000).optional() }),
  components: z.array(z.object({ name: z.enum(['skills', 'keywords', 'title', 'experience', 'education', 'location', 'semantic']), weight: z.number().min(0).max(10), score: unit })).max(10),
});

/** The server's answer: a match plus the engine that produced it. */
export const serverMatchSchema = matchResultSchema.extend({ engine: short });
