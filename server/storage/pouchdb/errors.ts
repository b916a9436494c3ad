/** PouchDB reports HTTP-like statuses on its errors. */
export function pouchStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

export const isConflict = (error: unknown) => pouchStatus(error) === 409;
export const isNotFound = (error: unknown) => pouchStatus(error) === 404;
