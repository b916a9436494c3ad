/**
 * Resumes replicate to their own database beside the user's jobs database
 * (`userdb-<hex>-resumes`), so the jobs replication never carries them and a
 * resume's size never slows job sync.
 */
export const RESUMES_DB_SUFFIX = '-resumes';

export function resumesDbName(userDbName: string): string {
  return `${userDbName}${RESUMES_DB_SUFFIX}`;
}

/** `https://host/db/userdb-ab/` → `https://host/db/userdb-ab-resumes/`. */
export function resumesSyncUrl(syncUrl: string): string {
  const url = new URL(syncUrl);
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path}${RESUMES_DB_SUFFIX}/`;
  return url.toString();
}
