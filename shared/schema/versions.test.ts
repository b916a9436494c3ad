import { describe, expect, it } from 'vitest';
import { jobFromCapture } from '../jobs/capture';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { JOB_DOC_VERSION, jobSchema } from './job';
import { jobToCouchDoc, validateJobCouchDoc } from './job-doc';
import { upgradeJobDoc } from './upgrade';

const current = jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z'));
/** What an extension from before schema version 2 pushes. */
const { schemaVersion: _version, ...versionOne } = jobToCouchDoc(current) as Record<string, unknown>;

describe('schema versions on the wire', () => {
  it('new documents carry the current version', () => {
    expect(current.schemaVersion).toBe(JOB_DOC_VERSION);
  });

  it('the server accepts version 1 documents still in the field, and tombstones of both', () => {
    expect(validateJobCouchDoc(versionOne)).toBeNull();
    expect(validateJobCouchDoc({ _id: current.id, _deleted: true })).toBeNull();
    expect(validateJobCouchDoc({ ...versionOne, _deleted: true })).toBeNull();
  });

  it('holds version 1 documents to version 1: no fields added later', () => {
    const error = validateJobCouchDoc({ ...versionOne, tags: ['remote'] });
    expect(error?.issues).toEqual([expect.objectContaining({ message: expect.stringContaining('tags') })]);
  });

  it('accepts version 2 fields only with version 2', () => {
    const notes = [{ id: 'n1', text: 'Called the recruiter', at: '2026-11-21T09:00:00.000Z' }];
    expect(validateJobCouchDoc({ ...jobToCouchDoc(current), notes, tags: ['remote'] })).toBeNull();
  });

  it('refuses a version it does not know, saying why', () => {
    const error = validateJobCouchDoc({ ...jobToCouchDoc(current), schemaVersion: 3 });
    expect(error).toEqual({ id: current.id, issues: [{ path: 'schemaVersion', message: expect.stringContaining('update the server') }] });
  });
});

describe('upgradeJobDoc', () => {
  it('brings a version 1 document to the current schema', () => {
    const { _id, ...fields } = versionOne;
    const upgraded = upgradeJobDoc({ id: _id, ...fields });
    expect(jobSchema.parse(upgraded)).toEqual(current);
  });

  it('leaves current documents as they are and refuses unknown versions', () => {
    expect(upgradeJobDoc(current)).toBe(current);
    expect(() => upgradeJobDoc({ ...current, schemaVersion: 7 })).toThrow(/Unknown job schema version 7/);
  });
});

describe('document size', () => {
  it('refuses a job whose lists together make it too large to sync, saying so', () => {
    const notes = Array.from({ length: 150 }, (_, i) => ({ id: `n${i}`, text: 'x'.repeat(9_000), at: '2026-11-21T09:00:00.000Z' }));
    expect(jobSchema.safeParse({ ...current, notes }).success).toBe(true);
    const error = validateJobCouchDoc({ ...jobToCouchDoc(current), notes });
    expect(error).toEqual({ id: current.id, issues: [{ path: '(document)', message: expect.stringContaining('a job can be at most 1024 KB') }] });
  });
});
