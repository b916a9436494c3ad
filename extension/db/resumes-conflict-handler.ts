import type { RxConflictHandler } from 'rxdb';
import { mergeResumeStates, type Resume } from '../../shared/resume/doc';
import { sameValue } from '../../shared/sync/merge-job';

/**
 * RxDB's default keeps the server's version and drops this device's edit;
 * this merges section by section against the common ancestor instead.
 */
export const resumeConflictHandler: RxConflictHandler<Resume> = {
  isEqual: (a, b) => sameValue(a, b),
  resolve: async ({ assumedMasterState, realMasterState, newDocumentState }) => {
    const merged = mergeResumeStates(assumedMasterState, newDocumentState, realMasterState);
    return { ...merged, _deleted: merged._deleted === true };
  },
};
