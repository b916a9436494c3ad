import { z } from 'zod';
import { parsedResumeSchema, type ParsedResume } from '../parsed-resume';

/**
 * A stored resume, defined once: the TypeScript type, the RxDB schema
 * (./resume-rx.ts) and the sync server's validation all derive from it.
 * `parsed` is what the parser found and never changes, so "reset" can bring a
 * field back; `resume` is what the person corrected and what exports use.
 * The original file's bytes are not in the document (replication does not
 * carry attachments): only its metadata, the bytes live on the device and in
 * the server's file storage.
 */

export const RESUME_DOC_VERSION = 1;

export const RESUME_CONTENT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
] as const;
export type ResumeContentType = (typeof RESUME_CONTENT_TYPES)[number];

export const RESUME_LIMITS = {
  idLength: 64,
  nameLength: 200,
  fileNameLength: 255,
  fileBytes: 10 * 1024 * 1024,
  pages: 30,
  /** One resume document, serialised: far above any real resume, far below a sync request. */
  docBytes: 1024 * 1024,
} as const;

/** The corrected resume's parts that merge one by one across devices. */
export const RESUME_SECTIONS = ['contact', 'summary', 'experience', 'education', 'skills', 'certifications', 'languages', 'projects'] as const;
export type ResumeSection = (typeof RESUME_SECTIONS)[number];

/** Everything a person edits on a resume; each has its own edit time for the three-way merge. */
export const RESUME_TIMED_FIELDS = ['name', 'active', ...RESUME_SECTIONS] as const;
export type ResumeTimedField = (typeof RESUME_TIMED_FIELDS)[number];

const isoDate = z.iso.datetime({ offset: false });
// Indexed and primary-key strings need a maxLength in RxDB; ISO timestamps are at most 30 chars.
export const RESUME_ISO_LENGTH = 40;

export const resumeFileSchema = z
  .object({
    fileName: z.string().min(1).max(RESUME_LIMITS.fileNameLength),
    contentType: z.enum(RESUME_CONTENT_TYPES),
    size: z.number().int().min(1).max(RESUME_LIMITS.fileBytes),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256'),
  })
  .strict();

export const resumeOutcomeSchema = z
  .object({
    kind: z.enum(['pdf', 'docx', 'image']),
    pages: z.number().int().min(0).max(RESUME_LIMITS.pages),
    ocrPages: z.number().int().min(0).max(RESUME_LIMITS.pages),
  })
  .strict();

export const resumeFieldTimesSchema = z
  .object(Object.fromEntries(RESUME_TIMED_FIELDS.map((field) => [field, isoDate.optional()])) as Record<ResumeTimedField, z.ZodOptional<typeof isoDate>>)
  .strict();

export const resumeSchema = z
  .object({
    /** Made on the device (a UUID); also names the original on the server's file route. */
    id: z
      .string()
      .min(1)
      .max(RESUME_LIMITS.idLength)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'must be letters, digits, "_" or "-"'),
    schemaVersion: z.literal(RESUME_DOC_VERSION),
    /** The person's label for it ("Backend, 2026"). */
    name: z.string().trim().min(1, 'a resume needs a name').max(RESUME_LIMITS.nameLength),
    /** The one resume matching and exports start from; see ./active.ts for the rule when devices disagree. */
    active: z.boolean(),
    file: resumeFileSchema,
    outcome: resumeOutcomeSchema,
    parsed: parsedResumeSchema,
    resume: parsedResumeSchema,
    fieldTimes: resumeFieldTimesSchema.optional(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .strict();

export type Resume = z.infer<typeof resumeSchema>;
export type ResumeFile = z.infer<typeof resumeFileSchema>;
export type ResumeOutcome = z.infer<typeof resumeOutcomeSchema>;
export type ResumeFieldTimes = z.infer<typeof resumeFieldTimesSchema>;
export type { ParsedResume };

const encoder = new TextEncoder();

export function resumeDocTooLarge(doc: unknown): string | null {
  const bytes = encoder.encode(JSON.stringify(doc)).length;
  return bytes > RESUME_LIMITS.docBytes
    ? `is ${Math.ceil(bytes / 1024)} KB; a resume can be at most ${RESUME_LIMITS.docBytes / 1024} KB`
    : null;
}
