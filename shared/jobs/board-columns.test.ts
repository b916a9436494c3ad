import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, type Job, type JobStatus } from '../schema/job';
import { groupByStatus, keepUnchangedColumns, unsettledMoves } from './board-columns';
import { manualJob } from './edit';

const at = '2026-11-20T10:00:00.000Z';
const make = (title: string, status: JobStatus): Job => ({
  ...manualJob({ title, company: 'Initech', url: 'https://initech.example/jobs/1', status }, at),
  id: `manual:${title}`,
});

const a = make('a', 'applied');
const b = make('b', 'applied');
const c = make('c', 'interview');
const d = make('d', 'saved');

describe('board columns', () => {
  it('has a column for every status, in order given, and counts add up', () => {
    const columns = groupByStatus([a, b, c, d]);
    expect(Object.keys(columns)).toEqual([...JOB_STATUSES]);
    expect(columns.applied).toEqual([a, b]);
    expect(columns.interview).toEqual([c]);
    expect(columns.saved).toEqual([d]);
    expect(columns.offer).toEqual([]);
  });

  it('shows a pending move at once, at the top of its new column, latest move first', () => {
    const moves = new Map<string, JobStatus>([
      ['manual:b', 'interview'],
      ['manual:d', 'interview'],
    ]);
    const columns = groupByStatus([a, b, c, d], moves);
    expect(columns.applied).toEqual([a]);
    expect(columns.saved).toEqual([]);
    expect(columns.interview.map((job) => job.id)).toEqual(['manual:d', 'manual:b', 'manual:c']);
  });

  it('forgets a move once the live jobs show it, or the job is gone', () => {
    const moves = new Map<string, JobStatus>([
      ['manual:b', 'interview'],
      ['manual:d', 'offer'],
      ['manual:gone', 'offer'],
    ]);
    const stored = [a, { ...b, status: 'interview' as const }, c, d];
    expect([...unsettledMoves(moves, stored)]).toEqual([['manual:d', 'offer']]);
    expect(unsettledMoves(new Map(), stored).size).toBe(0);
    // Nothing settled: the same map, so nothing downstream recomputes.
    const waiting = new Map<string, JobStatus>([['manual:d', 'offer']]);
    expect(unsettledMoves(waiting, stored)).toBe(waiting);
  });

  it('keeps the arrays of columns whose jobs did not change', () => {
    const before = groupByStatus([a, b, c, d]);
    const movedB = { ...b, status: 'offer' as const };
    const after = keepUnchangedColumns(before, groupByStatus([a, movedB, c, d]));
    expect(after.interview).toBe(before.interview);
    expect(after.saved).toBe(before.saved);
    expect(after.applied).not.toBe(before.applied);
    expect(after.applied).toEqual([a]);
    expect(after.offer).toEqual([movedB]);
    // An edited job is a new object: its column is redrawn.
    const renamedC = { ...c, title: 'c2' };
    expect(keepUnchangedColumns(after, groupByStatus([a, movedB, renamedC, d])).interview).toEqual([renamedC]);
    expect(keepUnchangedColumns(undefined, after)).toBe(after);
  });

  it('groups 20,000 jobs quickly enough to run on every live update', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ ...a, id: `manual:${i}`, status: JOB_STATUSES[i % JOB_STATUSES.length]! }));
    const started = performance.now();
    const columns = groupByStatus(many, new Map([['manual:5', 'saved']]));
    const elapsed = performance.now() - started;
    expect(Object.values(columns).reduce((sum, column) => sum + column.length, 0)).toBe(20_000);
    expect(columns.saved[0]!.id).toBe('manual:5');
    // A frame is 16 ms; grouping is one pass and should take a fraction of it even on a slow CI core.
    expect(elapsed).toBeLessThan(100);
  });
});
