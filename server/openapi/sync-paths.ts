/**
 * /db in the API description: the CouchDB replication protocol on the
 * caller's own databases only (the sync gate, server/sync/gate.ts, is the
 * allow-list these entries follow). Answers are CouchDB's; see its
 * replication protocol for their fields, which are not repeated here.
 */

const db = { name: 'db', in: 'path', required: true, schema: { type: 'string' }, description: 'Your database: the last segment of `syncUrl` from sign-in, or it with `-resumes`' };
const couch = (summary: string, extra: Record<string, unknown> = {}) => ({
  tags: ['Sync'],
  summary,
  security: [{ bearer: [] }],
  parameters: [db],
  ...extra,
  responses: {
    200: { description: 'CouchDB\'s answer', content: { 'application/json': { schema: { type: 'object' } } } },
    401: { description: 'Missing or invalid token' },
    403: { description: 'Another user\'s database, or a route replication does not use' },
    429: { description: 'Too many requests' },
  },
});
const jsonBody = { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object' } } } } };

export const SYNC_PATHS: Record<string, Record<string, unknown>> = {
  '/db/{db}': { get: couch('Database information') },
  '/db/{db}/_changes': { get: couch('Changes since a sequence (`feed=normal` or `longpoll`; `limit` capped)') },
  '/db/{db}/_all_docs': { get: couch('Documents by id (limited)'), post: couch('Documents by `keys`', jsonBody) },
  '/db/{db}/_bulk_docs': { post: couch('Write documents (checked against the job or resume schema; 201)', jsonBody) },
  '/db/{db}/_revs_diff': { post: couch('Which revisions the server lacks', jsonBody) },
  '/db/{db}/_bulk_get': { post: couch('Documents at given revisions', jsonBody) },
  '/db/{db}/_local/{id}': {
    get: couch('A replication checkpoint', { parameters: [db, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }] }),
    put: couch('Write a replication checkpoint (201)', { parameters: [db, { name: 'id', in: 'path', required: true, schema: { type: 'string' } }], ...jsonBody }),
  },
};
