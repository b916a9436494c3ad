import { describe, expect, it } from 'vitest';
import { resumeToCouchDoc, stampResumeFieldTimes } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { checkSyncBody } from './bodies';
import { decideSyncRequest } from './gate';

const own = 'userdb-616461';

describe('sync gate: the resumes database', () => {
  it('is the caller’s own, beside the jobs database', () => {
    expect(decideSyncRequest({ method: 'GET', path: `/${own}-resumes/_changes`, query: { since: '0' }, dbName: own })).toMatchObject({ allow: true, route: 'changes', database: 'resumes' });
    expect(decideSyncRequest({ method: 'POST', path: `/${own}/_bulk_docs`, query: {}, dbName: own })).toMatchObject({ allow: true, database: 'jobs' });
  });

  it('is refused to anyone else, and nothing else is named like it', () => {
    for (const db of ['userdb-626f62-resumes', `${own}-resumes-2`, `${own}-jobs`, `${own}resumes`]) {
      expect(decideSyncRequest({ method: 'GET', path: `/${db}/_changes`, query: {}, dbName: own })).toMatchObject({ allow: false, code: 'forbidden_database' });
    }
  });

  it('validates each database’s documents with its own schema', () => {
    const resume = resumeToCouchDoc(stampResumeFieldTimes(undefined, testResume()));
    expect(checkSyncBody('bulk_docs', { docs: [resume] }, undefined, 'resumes')).toBeNull();
    expect(checkSyncBody('bulk_docs', { docs: [resume] }, undefined, 'jobs')?.code).toBe('invalid_document');
    expect(checkSyncBody('bulk_docs', { docs: [{ ...resume, _id: '_design/x' }] }, undefined, 'resumes')?.code).toBe('invalid_document');
  });
});
