import { z } from 'zod';
import { RESUME_ISO_LENGTH, resumeSchema } from './resume-doc';

/** RxDB schema version of the resumes collection. Bump with a migration strategy in extension/db. */
export const RESUME_SCHEMA_VERSION = 0;

type JsonObject = Record<string, unknown>;

export interface ResumeRxJsonSchema extends JsonObject {
  title: string;
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonObject>;
  required: string[];
  indexes: string[][];
  additionalProperties: false;
}

/** Derived from the zod schema; a person has a handful of resumes, so no index beyond the key. */
export function buildResumeRxSchema(): ResumeRxJsonSchema {
  const json = z.toJSONSchema(resumeSchema, { target: 'draft-7', io: 'input' }) as JsonObject;
  const properties = structuredClone(json.properties) as Record<string, JsonObject>;
  const updatedAt = properties.updatedAt;
  if (updatedAt && updatedAt.maxLength === undefined) updatedAt.maxLength = RESUME_ISO_LENGTH;
  return {
    title: 'resume',
    version: RESUME_SCHEMA_VERSION,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required as string[],
    indexes: [],
    additionalProperties: false,
  };
}

export const resumeRxSchema = buildResumeRxSchema();
