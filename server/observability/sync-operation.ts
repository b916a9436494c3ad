/**
 * What a replication request under /db does, in words with few values (never a
 * user's database name or a document id): for metrics labels and span names.
 */

/** The CouchDB operation of a /db path: `/userdb-x/_changes` → `_changes`, a document → `doc`. */
export function syncOperation(path: string): string {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  if (parts.length === 0) return 'root';
  if (parts.length === 1) return parts[0]!.startsWith('_') ? parts[0]! : 'database';
  const second = parts[1]!;
  if (second === '_local') return '_local';
  return second.startsWith('_') && !second.startsWith('_design') ? second : 'doc';
}

/** The route pattern of a path under /db, as express would name it: `/userdb-x/_changes` → `/db/:db/_changes`. */
export function syncRoute(path: string): string {
  const operation = syncOperation(path);
  switch (operation) {
    case 'root': return '/db';
    case 'database': return '/db/:db';
    case 'doc': return '/db/:db/:docid';
    case '_local': return '/db/:db/_local/:docid';
    default: return path.split('?')[0]!.split('/').filter(Boolean).length === 1 ? `/db/${operation}` : `/db/:db/${operation}`;
  }
}
