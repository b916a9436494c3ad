import { z } from 'zod';
import { SERVER_VERSION } from '../version';
import { API_ROUTES, type ApiRoute } from './registry';
import { errorShape } from './shapes';
import { SYNC_PATHS } from './sync-paths';

/**
 * The OpenAPI 3.1 document, built from the route registry. Request schemas are
 * the routes' own zod schemas seen as input (what a client may send, before
 * defaults and transforms); answers are seen as output. OpenAPI 3.1 schemas
 * are JSON Schema 2020-12, which is what z.toJSONSchema writes.
 */

type JsonSchema = Record<string, unknown>;

const CONVERSION = { target: 'draft-2020-12', unrepresentable: 'any', reused: 'inline' } as const;

/** The parts of a zod schema's definition read here. */
interface PipeView {
  type: string;
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
}
const viewOf = (schema: z.core.$ZodType): PipeView => schema._zod.def as PipeView;

/** Whether what a schema hands on is made by a transform (so its output is not its input). */
function transforms(schema: z.core.$ZodType): boolean {
  const def = viewOf(schema);
  return def.type === 'transform' || (def.type === 'pipe' && def.in !== undefined && def.out !== undefined && (transforms(def.in) || transforms(def.out)));
}

/**
 * What zod cannot see through, for request bodies: a preprocessed field (an
 * email trimmed and lower-cased before it is checked) takes any input as far
 * as zod can tell, so it is described by what it must be once cleaned; and a
 * check piped after another on the same value (`string().max(254).pipe(email())`)
 * keeps both, where zod would keep only the first.
 */
function describePipes(io: 'input' | 'output') {
  return (ctx: { zodSchema: z.core.$ZodTypes; jsonSchema: JsonSchema }) => {
    const def = viewOf(ctx.zodSchema);
    if (io !== 'input' || def.type !== 'pipe' || !def.in || !def.out) return;
    const convert = (schema: z.core.$ZodType) => toSchema(schema as z.ZodType, io);
    let described: JsonSchema | undefined;
    if (viewOf(def.in).type === 'transform') described = convert(def.out);
    else if (!transforms(def.in) && !transforms(def.out)) described = { allOf: [convert(def.in), convert(def.out)] };
    if (!described) return;
    for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
    Object.assign(ctx.jsonSchema, described);
  };
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema form: the schema says what it can, the route checks the rest.
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { ...CONVERSION, io, override: describePipes(io) }) as JsonSchema;
  return rest;
}

/** `/api/jobs/{id}` → its path parameters. */
function pathParameters(path: string): JsonSchema[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
}

function queryParameters(schema: z.ZodType): JsonSchema[] {
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', required: required.has(name), schema: property }));
}

const SECURITY: Record<ApiRoute['access'], JsonSchema[]> = {
  none: [],
  user: [{ bearer: [] }],
  admin: [{ adminBearer: [] }],
  device: [{ bearer: [], deviceSignature: [] }],
};

const errorAnswer = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function errorAnswers(route: ApiRoute): Record<string, unknown> {
  // Any route may meet its rate limit, a busy or unavailable dependency (the limiter's Redis too), or a bug.
  const answers: Record<string, unknown> = { 429: errorAnswer('Too many requests'), 500: errorAnswer('Server error'), 503: errorAnswer('A service it needs is busy or unavailable: try again') };
  const reads = Boolean(route.body || route.query || route.rawBody || route.path.includes('{'));
  if (reads || route.tag === 'Auth') answers[400] = errorAnswer('Invalid request (`fields` names each problem)');
  if (route.access !== 'none') answers[401] = errorAnswer('Missing, invalid or expired token');
  if (route.access !== 'none') answers[403] = errorAnswer('Not allowed: missing permission or second factor, disabled account, or over a quota');
  if (route.path.includes('{')) answers[404] = errorAnswer('Not found');
  if (route.body || route.rawBody) {
    answers[413] = errorAnswer('Body too large');
    answers[415] = errorAnswer('Body not of the accepted media type');
  }
  for (const status of route.errors ?? []) answers[status] ??= errorAnswer(ERROR_DESCRIPTIONS[status] ?? 'Refused');
  return answers;
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'Wrong credentials, code or token',
  403: 'Refused (for example a disabled account)',
  404: 'Not found or not configured',
  409: 'Conflicts with the current state',
  422: 'The file could not be read',
  502: 'The identity provider did not answer as expected',
};

function operation(route: ApiRoute): JsonSchema {
  const { success } = route;
  const content = success.json ? { 'application/json': { schema: toSchema(success.json, 'output') } } : success.contentType ? { [success.contentType]: {} } : undefined;
  const parameters = [...pathParameters(route.path), ...(route.query ? queryParameters(route.query) : [])];
  const body = route.body
    ? { required: true, content: { 'application/json': { schema: toSchema(route.body, 'input') } } }
    : route.rawBody ? { required: true, content: { [route.rawBody]: { schema: { type: 'string', contentMediaType: route.rawBody } } } } : undefined;
  const permission = route.permission ? ` Needs the \`${route.permission}\` permission.` : '';
  return {
    operationId: `${route.method}${route.path.replace(/[^A-Za-z0-9]+(.)?/g, (_match, next: string | undefined) => (next ?? '').toUpperCase())}`,
    tags: [route.tag],
    summary: route.summary,
    ...(permission ? { description: permission.trim(), 'x-permission': route.permission } : {}),
    security: SECURITY[route.access],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: {
      ...Object.fromEntries([success.status, ...(success.alsoStatus ?? [])].map((status) => [status, { description: success.description, ...(content ? { content } : {}) }])),
      ...errorAnswers(route),
    },
  };
}

export function buildOpenApiDocument(routes: readonly ApiRoute[] = API_ROUTES): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`${route.method.toUpperCase()} ${route.path} is declared twice`);
    item[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'TrackRuit server',
      version: SERVER_VERSION,
      description: 'Accounts, the REST API over a user\'s own jobs and resumes, ML answers, admin routes, and CouchDB replication at /db. Every error answers `{ error: { code, message, fields? } }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: [...new Set(routes.map((route) => route.tag)), 'Sync'].map((name) => ({ name })),
    paths: { ...paths, ...SYNC_PATHS },
    components: {
      schemas: { Error: toSchema(errorShape, 'output') },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token from sign-in' },
        adminBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An admin session token (POST /api/admin/session, after the second factor)' },
        deviceSignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'A signature by a registered device key over the request, with X-Device-Id and X-Timestamp (see shared/device-signature/canonical.ts)' },
      },
    },
  };
}
