import { ISO_LENGTH, JOB_INDEXES, jobSchema } from './job';
import { rxSchemaFromZod, type RxJsonSchemaFromZod } from './rx-schema';

/**
 * RxDB schema version. Bump together with a migration strategy in the
 * extension's database module (1: optional posting details, the duplicate flag
 * and per-field edit times; 2: `schemaVersion` on every document, notes,
 * contacts, interviews, tags and a follow-up date; 3: `detection`).
 */
export const JOB_SCHEMA_VERSION = 3;

export type JobRxJsonSchema = RxJsonSchemaFromZod;

/** Every indexed field is bounded: RxDB needs a maxLength on indexed strings. */
export function buildJobRxSchema(): JobRxJsonSchema {
  return rxSchemaFromZod({
    title: 'job',
    version: JOB_SCHEMA_VERSION,
    schema: jobSchema,
    indexes: JOB_INDEXES,
    bounded: { fields: [...new Set(JOB_INDEXES.flat())], maxLength: ISO_LENGTH },
  });
}

export const jobRxSchema = buildJobRxSchema();
