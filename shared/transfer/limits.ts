/**
 * What one import may hold. A browser tab parses and validates the whole file
 * in memory: 20 MB is about 20,000 jobs with long descriptions (the size the
 * dashboard is built for, with room), and 50,000 rows keeps one import under
 * a few minutes of writes on a slow machine.
 */
export const IMPORT_LIMITS = {
  maxBytes: 20 * 1024 * 1024,
  maxRows: 50_000,
} as const;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
