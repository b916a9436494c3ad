/** A `_bulk_docs` answer made on the client, for documents the fetch wrappers decided not to send. */
export function bulkDocsRows(rows: unknown[]): Response {
  return new Response(JSON.stringify(rows), { status: 201, headers: { 'content-type': 'application/json' } });
}
