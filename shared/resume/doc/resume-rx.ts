import { rxSchemaFromZod, type RxJsonSchemaFromZod } from '../../schema/rx-schema';
import { RESUME_ISO_LENGTH, resumeSchema } from './resume-doc';

/** RxDB schema version of the resumes collection. Bump with a migration strategy in extension/db. */
export const RESUME_SCHEMA_VERSION = 0;

export type ResumeRxJsonSchema = RxJsonSchemaFromZod;

/** A person has a handful of resumes: no index beyond the key; `updatedAt` is what lists sort by. */
export function buildResumeRxSchema(): ResumeRxJsonSchema {
  return rxSchemaFromZod({
    title: 'resume',
    version: RESUME_SCHEMA_VERSION,
    schema: resumeSchema,
    io: 'input',
    bounded: { fields: ['updatedAt'], maxLength: RESUME_ISO_LENGTH },
  });
}

export const resumeRxSchema = buildResumeRxSchema();
