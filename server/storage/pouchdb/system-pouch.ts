import fs from 'node:fs';
import path from 'node:path';
import PouchDB from 'pouchdb';

/**
 * The PouchDB constructor for server-only databases (users, tokens, device
 * keys, …) under <dataDir>/system, readable by the server's user alone. User
 * databases live under another constructor, so no sync route can name these.
 */
export function systemPouch(dataDir: string) {
  const systemDir = path.join(dataDir, 'system');
  fs.mkdirSync(systemDir, { recursive: true, mode: 0o700 });
  return PouchDB.defaults({ prefix: `${systemDir}/` });
}
