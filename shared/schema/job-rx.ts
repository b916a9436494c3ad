import { z } from 'zod';
import { ISO_LENGTH, JOB_INDEXES, jobSchema } from './job';

/**
 * RxDB schema version. Bump together with a migration strategy in the
 * extension's database module (1: optional posting details, the duplicate flag
 * and per-field edit times; 2: `schemaVersion` on every document, notes,
 * contacts, interviews, tags and a follow-up date).
 */
export const JOB_SCHEMA_VERSION = 2;

type JsonObject = Record<string, unknown>;

export interface JobRxJsonSchema extends JsonObject {
  title: string;
  version: number;
  primaryKey: 'id';
  type: 'object';
  properties: Record<string, JsonObject>;
  required: string[];
  indexes: string[][];
  additionalProperties: false;
}

/**
 * RxDB's JSON schema, derived from the zod schema: RxDB needs a version, a
 * primary key, index declarations, and a maxLength on every indexed string.
 */
export function buildJobRxSchema(): JobRxJsonSchema {
  const json = z.toJSONSchema(jobSchema, { target: 'draft-7' }) as JsonObject;
  delete json.$schema;
  const properties = structuredClone(json.properties) as Record<string, JsonObject>;
  for (const field of new Set(JOB_INDEXES.flat())) {
    const property = properties[field];
    if (!property) throw new Error(`indexed field ${field} is not in the job schema`);
    if (property.type === 'string' && property.maxLength === undefined) {
      property.maxLength = ISO_LENGTH;
    }
  }
  return {
    title: 'job',
    version: JOB_SCHEMA_VERSION,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required as string[],
    indexes: JOB_INDEXES.map((index) => [...index]),
    additionalProperties: false,
  };
}

export const jobRxSchema = buildJobRxSchema();
