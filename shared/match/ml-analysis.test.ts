import { describe, expect, it } from 'vitest';
import { match } from './match';
import { toMlAnalysis } from './ml-analysis';

describe('mlAnalysis', () => {
  it('stores the score, skills met and missing, and the versions', () => {
    const result = match({ text: 'Built APIs in Node.js with PostgreSQL.' }, { title: 'Backend Engineer', description: 'Requirements: Node.js, PostgreSQL, Kubernetes.' });
    const stored = toMlAnalysis(result, '2026-12-06T20:00:00.000Z');
    expect(stored).toEqual({
      matchScore: result.score,
      matchedSkills: ['Node.js', 'PostgreSQL'],
      missingSkills: ['Kubernetes'],
      summary: expect.stringMatching(/^\d+\/100 \(\w+\); 2 of 3 required skills shown; match-\d+\.\d+\.\d+, taxonomy \d{4}\.\d+\.\d+$/),
      analyzedAt: '2026-12-06T20:00:00.000Z',
    });
  });

  it('says when only the title was compared', () => {
    expect(toMlAnalysis(match({ text: 'Nurse' }, { title: 'Nurse' }), '2026-12-06T20:00:00.000Z').summary).toContain('on the title only');
  });
});
