import { describe, expect, it, vi } from 'vitest';
import type { SyncDatabases } from '../../storage/types';
import { userDbName } from '../../sync/db-name';
import { noticeWrites } from './notice-changes';

describe('noticeWrites', () => {
  it('passes every write on unchanged and names the user of a jobs database, never of a resumes one', () => {
    const noteWrites = vi.fn();
    const changed = vi.fn();
    const databases = noticeWrites({ noteWrites } as unknown as SyncDatabases, changed);
    databases.noteWrites(userDbName('ada'), 3, 1200, 2);
    databases.noteWrites(`${userDbName('bob')}-resumes`, 1, 500);
    databases.noteWrites(userDbName('cy'), 0);
    expect(noteWrites.mock.calls).toEqual([[userDbName('ada'), 3, 1200, 2], [`${userDbName('bob')}-resumes`, 1, 500, undefined], [userDbName('cy'), 0, undefined, undefined]]);
    expect(changed.mock.calls).toEqual([['ada']]);
  });
});
