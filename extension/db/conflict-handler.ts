import type { RxConflictHandler } from 'rxdb';
import type { Job } from '../../shared/schema';
import { mergeJobStates, sameValue } from '../../shared/sync/merge-job';

/**
 * Replaces RxDB's default handler, which keeps the server's version and so
 * silently drops this device's edit. RxDB calls `resolve` on the device that
 * pushes second, with the common ancestor as `assumedMasterState`.
 */
export const jobConflictHandler: RxConflictHandler<Job> = {
  isEqual: (a, b) => sameValue(a, b),
  resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
    const merged = mergeJobStates(assumedMasterState, newDocumentState, realMasterState);
    return { ...merged, _deleted: merged._deleted === true };
  },
};
