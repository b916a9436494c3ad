import { z } from 'zod';

/**
 * A resume as the product understands it, after parsing (and after the person
 * corrected it). Shared contract between the parser, the Resumes page and the
 * ATS export. Dates keep only what was written, normalised: `YYYY-MM`, `YYYY`
 * or `Present`.
 */
export const resumeDateSchema = z.string().regex(/^(\d{4}(-(0[1-9]|1[0-2]))?|Present)$/);

export const resumeContactSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  location: z.string().optional(),
  links: z.array(z.string()),
});

export const resumeExperienceSchema = z.object({
  title: z.string().optional(),
  company: z.string().optional(),
  location: z.string().optional(),
  start: resumeDateSchema.optional(),
  end: resumeDateSchema.optional(),
  bullets: z.array(z.string()),
});

export const resumeEducationSchema = z.object({
  degree: z.string().optional(),
  institution: z.string().optional(),
  location: z.string().optional(),
  start: resumeDateSchema.optional(),
  end: resumeDateSchema.optional(),
  details: z.array(z.string()),
});

export const resumeProjectSchema = z.object({
  name: z.string(),
  description: z.string().optional(),
  bullets: z.array(z.string()),
  links: z.array(z.string()),
});

export const parsedResumeSchema = z.object({
  contact: resumeContactSchema,
  summary: z.string().optional(),
  experience: z.array(resumeExperienceSchema),
  education: z.array(resumeEducationSchema),
  /** Normalised display names, e.g. "JavaScript", "PostgreSQL". */
  skills: z.array(z.string()),
  certifications: z.array(z.string()),
  languages: z.array(z.string()),
  projects: z.array(resumeProjectSchema),
});

export type ParsedResume = z.infer<typeof parsedResumeSchema>;
export type ResumeContact = z.infer<typeof resumeContactSchema>;
export type ResumeExperience = z.infer<typeof resumeExperienceSchema>;
export type ResumeEducation = z.infer<typeof resumeEducationSchema>;
export type ResumeProject = z.infer<typeof resumeProjectSchema>;

export { emptyParsedResume } from './empty-resume';
