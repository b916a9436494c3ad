import type { RxConflictHandler } from 'rxdb';
import { upgradeJobDoc, type Job } from '../../shared/schema';
import { mergeJobStates, sameValue } from '../../shared/sync/merge-job';

/**
 * Replaces RxDB's default handler, which keeps the server's version and so
 * silently drops this device's edit. RxDB calls `resolve` on the device that
 * pushes second, with the common ancestor as `assumedMasterState`.
 */
export const jobConflictHandler: RxConflictHandler<Job> = {
  isEqual: (a, b) => sameValue(a, b),
  resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
    // The server may hold a version written by an extension not yet updated.
    const base = assumedMasterState && upgradeJobDoc(assumedMasterState);
    const merged = mergeJobStates(base, upgradeJobDoc(newDocumentState), upgradeJobDoc(realMasterState));
    return { ...merged, _deleted: merged._deleted === true };
  },
};
