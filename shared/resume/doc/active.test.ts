import { describe, expect, it } from 'vitest';
import { activeFlagChanges, activeResumeId } from './active';

const r = (id: string, active: boolean, createdAt: string, activeAt?: string) => ({
  id,
  active,
  createdAt,
  updatedAt: createdAt,
  ...(activeAt ? { fieldTimes: { active: activeAt } } : {}),
});

describe('activeResumeId', () => {
  it('is the flagged resume', () => {
    expect(activeResumeId([r('a', false, '2026-01-01T00:00:00.000Z'), r('b', true, '2025-01-01T00:00:00.000Z')])).toBe('b');
  });

  it('is the one chosen last when two devices each flagged one', () => {
    const resumes = [r('a', true, '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), r('b', true, '2026-01-02T00:00:00.000Z', '2026-02-01T00:00:00.000Z')];
    expect(activeResumeId(resumes)).toBe('a');
    expect(activeResumeId([...resumes].reverse())).toBe('a');
    const tie = [r('a', true, '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'), r('b', true, '2026-01-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')];
    expect(activeResumeId(tie)).toBe('b');
  });

  it('falls back to the newest resume when none is flagged, and to nothing without resumes', () => {
    expect(activeResumeId([r('a', false, '2026-01-01T00:00:00.000Z'), r('b', false, '2026-02-01T00:00:00.000Z')])).toBe('b');
    expect(activeResumeId([])).toBeUndefined();
  });
});

describe('activeFlagChanges', () => {
  it('turns on the chosen one and off every other flagged one', () => {
    const resumes = [r('a', true, '2026-01-01T00:00:00.000Z'), r('b', false, '2026-01-01T00:00:00.000Z'), r('c', true, '2026-01-01T00:00:00.000Z')];
    expect(activeFlagChanges(resumes, 'b')).toEqual([
      { id: 'a', active: false },
      { id: 'b', active: true },
      { id: 'c', active: false },
    ]);
    expect(activeFlagChanges([r('a', true, '2026-01-01T00:00:00.000Z')], 'a')).toEqual([]);
  });
});
