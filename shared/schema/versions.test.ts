import { describe, expect, it } from 'vitest';
import { jobFromCapture } from '../jobs/capture';
import { acmeCapture } from '../../tests/fixtures/jobs';
import { JOB_DOC_VERSION, JOB_FIELDS_BY_VERSION, jobSchema, jobSchemaV2 } from './job';
import { jobToCouchDoc, validateJobCouchDoc } from './job-doc';
import { upgradeJobDoc } from './upgrade';

const current = jobFromCapture(acmeCapture, new Date('2026-11-20T10:00:00.000Z'));
/** What an extension from before schema version 2 pushes. */
const { schemaVersion: _version, ...versionOne } = jobToCouchDoc(current) as Record<string, unknown>;
/** What an extension from before schema version 3 pushes. */
const versionTwo: Record<string, unknown> = { ...versionOne, schemaVersion: 2 };
const detection = { rulesVersion: 2, signal: 'easy_apply_confirmation', layout: 'top-card-structure' };

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

  it('accepts version 2 documents still in the field, held to version 2: no detection', () => {
    expect(validateJobCouchDoc(versionTwo)).toBeNull();
    expect(validateJobCouchDoc({ ...versionTwo, _deleted: true })).toBeNull();
    const error = validateJobCouchDoc({ ...versionTwo, detection });
    expect(error?.issues).toEqual([expect.objectContaining({ message: expect.stringContaining('detection') })]);
    const timed = validateJobCouchDoc({ ...versionTwo, fieldTimes: { detection: '2026-11-20T10:00:00.000Z' } });
    expect(timed?.issues).toEqual([expect.objectContaining({ path: 'fieldTimes', message: expect.stringContaining('detection') })]);
  });

  it('accepts detection with version 3, and refuses one that is not a bounded token', () => {
    expect(JOB_DOC_VERSION).toBe(3);
    expect(validateJobCouchDoc({ ...jobToCouchDoc(current), detection, fieldTimes: { detection: '2026-11-20T10:00:00.000Z' } })).toBeNull();
    const { layout: _layout, ...withoutLayout } = detection;
    expect(validateJobCouchDoc({ ...jobToCouchDoc(current), detection: withoutLayout })).toBeNull();
    for (const bad of [{ ...detection, signal: '<img onerror=x>' }, { ...detection, rulesVersion: 0 }, { ...detection, layout: 'x'.repeat(41) }, { ...detection, extra: 1 }]) {
      expect(validateJobCouchDoc({ ...jobToCouchDoc(current), detection: bad })?.issues[0]?.path).toMatch(/^detection/);
    }
  });

  it('refuses a version it does not know, saying why', () => {
    const error = validateJobCouchDoc({ ...jobToCouchDoc(current), schemaVersion: JOB_DOC_VERSION + 1 });
    expect(error).toEqual({ id: current.id, issues: [{ path: 'schemaVersion', message: expect.stringContaining('update the server') }] });
  });
});

describe('upgradeJobDoc', () => {
  it('brings a version 1 document to the current schema', () => {
    const { _id, ...fields } = versionOne;
    const upgraded = upgradeJobDoc({ id: _id, ...fields });
    expect(jobSchema.parse(upgraded)).toEqual(current);
  });

  it('brings a version 2 document to the current schema, tombstones too', () => {
    const { _id, ...fields } = versionTwo;
    expect(jobSchema.parse(upgradeJobDoc({ id: _id, ...fields }))).toEqual(current);
    expect(upgradeJobDoc({ _id, _deleted: true, schemaVersion: 2 })).toEqual({ _id, _deleted: true, schemaVersion: JOB_DOC_VERSION });
  });

  it('leaves current documents as they are and refuses unknown versions', () => {
    expect(upgradeJobDoc(current)).toBe(current);
    expect(() => upgradeJobDoc({ ...current, schemaVersion: 7 })).toThrow(/Unknown job schema version 7/);
  });

  it('brings a document to an earlier target when asked, never down', () => {
    const { _id, ...fields } = versionOne;
    expect(jobSchemaV2.parse(upgradeJobDoc({ id: _id, ...fields }, 2))).toMatchObject({ schemaVersion: 2 });
    expect(() => upgradeJobDoc(current, 2)).toThrow(/down to 2/);
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

describe('JOB_FIELDS_BY_VERSION', () => {
  it('lists the fields of every document version from 1 to the current one', () => {
    for (let version = 1; version <= JOB_DOC_VERSION; version += 1) expect(JOB_FIELDS_BY_VERSION.get(version)?.size, `version ${version}`).toBeGreaterThan(0);
    expect(JOB_FIELDS_BY_VERSION.get(JOB_DOC_VERSION)?.has('detection')).toBe(true);
    expect(JOB_FIELDS_BY_VERSION.get(2)?.has('detection')).toBe(false);
  });
});
