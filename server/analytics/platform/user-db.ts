/** The user whose jobs database this is; null for any other database (a user's resumes among them). */
export function userIdOf(dbName: string): string | null {
  const prefix = 'userdb-';
  const hex = dbName.slice(prefix.length);
  if (!dbName.startsWith(prefix) || !/^(?:[0-9a-f]{2})+$/.test(hex)) return null;
  return Buffer.from(hex, 'hex').toString('utf8');
}
