import { z } from 'zod';

type JsonObject = Record<string, unknown>;

/** The RxDB JSON schema of a collection keyed by `id`. */
export interface RxJsonSchemaFromZod extends JsonObject {
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
 * RxDB's JSON schema, derived from a zod schema so the type, the server's
 * check and the local database never disagree. RxDB also needs a version,
 * index declarations, and a maxLength on every string it indexes or sorts by.
 */
export function rxSchemaFromZod(options: {
  title: string;
  version: number;
  schema: z.ZodType;
  /** Which side of transforms and defaults the stored documents are. */
  io?: 'input' | 'output';
  indexes?: readonly (readonly string[])[];
  /** String fields RxDB indexes or sorts by, and the length they get when the schema sets none. */
  bounded: { fields: readonly string[]; maxLength: number };
}): RxJsonSchemaFromZod {
  const json = z.toJSONSchema(options.schema, { target: 'draft-7', io: options.io ?? 'output' }) as JsonObject;
  const properties = structuredClone(json.properties) as Record<string, JsonObject>;
  for (const field of options.bounded.fields) {
    const property = properties[field];
    if (!property) throw new Error(`field ${field} is not in the ${options.title} schema`);
    if (property.type === 'string' && property.maxLength === undefined) property.maxLength = options.bounded.maxLength;
  }
  return {
    title: options.title,
    version: options.version,
    primaryKey: 'id',
    type: 'object',
    properties,
    required: json.required as string[],
    indexes: (options.indexes ?? []).map((index) => [...index]),
    additionalProperties: false,
  };
}
