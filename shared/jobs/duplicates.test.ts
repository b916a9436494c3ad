import { describe, expect, it } from 'vitest';
import { JOB_DOC_VERSION, type Job } from '../schema/job';
import { findPossibleDuplicate, mergeDuplicate, normaliseForMatch } from './duplicates';

function job(overrides: Partial<Job>): Job {
  return {
    id: 'linkedin:4012345678',
    title: 'Senior Frontend Engineer',
    company: 'Acme Robotics',
    platform: 'linkedin',
    url: 'https://www.linkedin.com/jobs/view/4012345678/',
    appliedAt: '2026-11-01T10:00:00.000Z',
    status: 'applied',
    statusHistory: [{ status: 'applied', at: '2026-11-01T10:00:00.000Z' }],
    source: 'auto_detect',
    schemaVersion: JOB_DOC_VERSION,
    isActive: true,
    createdAt: '2026-11-01T10:00:00.000Z',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

describe('normaliseForMatch', () => {
  it.each([
    ['Acme, Inc.', 'acme inc'],
    ['  Société   Générale ', 'societe generale'],
    ['Senior Front-End Engineer (m/w/d)', 'senior front end engineer m w d'],
  ])('%s → %s', (input, output) => {
    expect(normaliseForMatch(input)).toBe(output);
  });
});

describe('findPossibleDuplicate', () => {
  const original = job({});

  it('finds the same company and title under another id within 30 days', () => {
    const repost = job({ id: 'linkedin:4099999999', title: 'senior  frontend engineer', company: 'ACME Robotics.', appliedAt: '2026-11-25T10:00:00.000Z' });
    expect(findPossibleDuplicate(repost, [original])?.id).toBe('linkedin:4012345678');
  });

  it('folds accents and punctuation', () => {
    const a = job({ id: 'other:url.abc', company: 'Société Générale', title: 'Analyste données' });
    const b = job({ id: 'linkedin:1234567', company: 'Societe-Generale', title: 'Analyste Données' });
    expect(findPossibleDuplicate(a, [b])?.id).toBe('linkedin:1234567');
  });

  it.each([
    ['the same id', job({})],
    ['another title', job({ id: 'linkedin:4099999999', title: 'Backend Engineer' })],
    ['another company', job({ id: 'linkedin:4099999999', company: 'Globex' })],
    ['31 days apart', job({ id: 'linkedin:4099999999', appliedAt: '2026-12-02T10:00:01.000Z' })],
  ])('ignores %s', (_name, other) => {
    expect(findPossibleDuplicate(other, [original])).toBeUndefined();
  });

  it('uses createdAt when a job has no appliedAt, and honours a custom window', () => {
    const saved = job({ id: 'other:url.x', appliedAt: undefined, status: 'saved', statusHistory: [], createdAt: '2026-11-05T00:00:00.000Z' });
    expect(findPossibleDuplicate(saved, [original])?.id).toBe(original.id);
    expect(findPossibleDuplicate(saved, [original], 2)).toBeUndefined();
  });
});

describe('mergeDuplicate', () => {
  it('fills blanks, merges histories as a set in time order, keeps the earlier appliedAt, clears the flag', () => {
    const keep = job({
      id: 'linkedin:4099999999',
      appliedAt: '2026-11-20T10:00:00.000Z',
      createdAt: '2026-11-20T10:00:00.000Z',
      statusHistory: [
        { status: 'applied', at: '2026-11-20T10:00:00.000Z' },
        { status: 'interview', at: '2026-11-22T09:00:00.000Z' },
      ],
      status: 'interview',
      possibleDuplicateOf: 'linkedin:4012345678',
    });
    const duplicate = job({
      location: 'Berlin, Germany',
      salary: '€70,000',
      statusHistory: [
        { status: 'applied', at: '2026-11-01T10:00:00.000Z' },
        { status: 'interview', at: '2026-11-22T09:00:00.000Z' },
      ],
    });
    const now = new Date('2026-11-30T12:00:00.000Z');
    const merged = mergeDuplicate(keep, duplicate, now);
    expect(merged.id).toBe('linkedin:4099999999');
    expect(merged.status).toBe('interview');
    expect(merged.location).toBe('Berlin, Germany');
    expect(merged.salary).toBe('€70,000');
    expect(merged.appliedAt).toBe('2026-11-01T10:00:00.000Z');
    expect(merged.createdAt).toBe('2026-11-01T10:00:00.000Z');
    expect(merged.statusHistory).toEqual([
      { status: 'applied', at: '2026-11-01T10:00:00.000Z' },
      { status: 'applied', at: '2026-11-20T10:00:00.000Z' },
      { status: 'interview', at: '2026-11-22T09:00:00.000Z' },
    ]);
    expect(merged.possibleDuplicateOf).toBeUndefined();
    expect(merged.updatedAt).toBe(now.toISOString());
  });

  it('does not overwrite what the kept job already has', () => {
    const merged = mergeDuplicate(job({ location: 'Remote' }), job({ id: 'x:1', location: 'Berlin' }), new Date('2026-12-01T00:00:00.000Z'));
    expect(merged.location).toBe('Remote');
  });
});
