import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JOB_DOC_VERSION, JOB_INDEXES, jobSchema, type Job } from './job';
import { buildJobRxSchema, jobRxSchema } from './job-rx';
import { jobToCouchDoc, validateJobCouchDoc } from './job-doc';

const job: Job = {
  id: 'linkedin:4012345678',
  title: 'Senior Frontend Engineer',
  company: 'Acme Robotics',
  platform: 'linkedin',
  siteJobId: '4012345678',
  url: 'https://www.linkedin.com/jobs/view/4012345678/',
  appliedAt: '2026-11-20T10:00:00.000Z',
  status: 'applied',
  statusHistory: [{ status: 'applied', at: '2026-11-20T10:00:00.000Z' }],
  source: 'auto_detect',
  location: 'Berlin, Germany',
  schemaVersion: JOB_DOC_VERSION,
  isActive: true,
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
};

describe('schema derivations agree', () => {
  it('the RxDB schema has exactly the zod fields and required list', () => {
    const zodJson = z.toJSONSchema(jobSchema) as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(jobRxSchema.properties).sort()).toEqual(Object.keys(zodJson.properties).sort());
    expect([...jobRxSchema.required].sort()).toEqual([...zodJson.required].sort());
    expect(jobRxSchema.primaryKey).toBe('id');
    expect(jobRxSchema.required).toContain('id');
  });

  it('every RxDB index is on a required, bounded field', () => {
    for (const field of new Set(JOB_INDEXES.flat())) {
      expect(jobRxSchema.required).toContain(field);
      expect(jobRxSchema.properties[field]?.maxLength).toEqual(expect.any(Number));
    }
    expect(jobRxSchema.properties.id?.maxLength).toBe(128);
  });

  it('enumerations are the same on both sides', () => {
    expect(jobRxSchema.properties.status?.enum).toEqual(jobSchema.shape.status.options);
    expect(jobRxSchema.properties.platform?.enum).toEqual(jobSchema.shape.platform.options);
    expect(jobRxSchema.properties.source?.enum).toEqual(['auto_detect', 'manual']);
  });

  it('is rebuilt identically (pure derivation)', () => {
    expect(buildJobRxSchema()).toEqual(jobRxSchema);
  });

  it('the couch document of a valid job validates on the server side', () => {
    expect(jobSchema.parse(job)).toEqual(job);
    expect(validateJobCouchDoc({ ...jobToCouchDoc(job), _rev: '1-abc' })).toBeNull();
  });
});

describe('validateJobCouchDoc', () => {
  it('names a missing field', () => {
    const { title: _title, ...rest } = jobToCouchDoc(job);
    const error = validateJobCouchDoc(rest);
    expect(error?.id).toBe('linkedin:4012345678');
    expect(error?.issues.map((issue) => issue.path)).toContain('title');
  });

  it('refuses unknown fields, so nothing unvalidated is stored', () => {
    const error = validateJobCouchDoc({ ...jobToCouchDoc(job), isAdmin: true });
    expect(error?.issues[0]?.message).toMatch(/isAdmin/);
  });

  it('refuses design-document and other underscore ids', () => {
    expect(validateJobCouchDoc({ ...jobToCouchDoc(job), _id: '_design/evil' })).not.toBeNull();
  });

  it('refuses bad values with the field named', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'hired' }, 'status'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ createdAt: 'yesterday' }, 'createdAt'],
      [{ title: 'x'.repeat(301) }, 'title'],
      [{ statusHistory: [{ status: 'applied', at: 'now' }] }, 'statusHistory.0.at'],
    ];
    for (const [patch, path] of cases) {
      const error = validateJobCouchDoc({ ...jobToCouchDoc(job), ...patch });
      expect(error?.issues.map((issue) => issue.path), JSON.stringify(patch)).toContain(path);
    }
  });

  it('accepts a bare tombstone but not one carrying unknown fields', () => {
    expect(validateJobCouchDoc({ _id: job.id, _rev: '2-x', _deleted: true })).toBeNull();
    expect(validateJobCouchDoc({ _id: job.id, _deleted: true, payload: 'x' })).not.toBeNull();
  });

  it('refuses what is not an object', () => {
    for (const doc of [null, 'job', 42, []]) expect(validateJobCouchDoc(doc)).not.toBeNull();
  });
});
