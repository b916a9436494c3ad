/**
 * A user's database name, derived only from the verified user id. Hex of the
 * UTF-8 id (CouchDB's couch_peruser convention) keeps it a safe file name and
 * URL segment whatever the id contains.
 */
export function userDbName(userId: string): string {
  return `userdb-${Buffer.from(userId, 'utf8').toString('hex')}`;
}

export function syncUrlFor(publicUrl: string, userId: string): string {
  return `${publicUrl}/db/${userDbName(userId)}/`;
}
