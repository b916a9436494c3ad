import { describe, expect, it } from 'vitest';
import { tagsInUse } from './facets';
import { queryJob } from './test-jobs';

describe('tagsInUse', () => {
  it('lists each tag once, A to Z, in its first spelling', () => {
    const jobs = [queryJob({ tags: ['remote', 'Berlin'] }), queryJob({ tags: ['Remote', 'contract'] }), queryJob({})];
    expect(tagsInUse(jobs)).toEqual(['Berlin', 'contract', 'remote']);
  });
});
