import { describe, expect, it } from 'vitest';
import { skillGaps } from './skill-gaps';
import { makeJob } from './test-jobs';

describe('skillGaps', () => {
  it('counts each missing skill once per matched job, most missing first, with its share of matched jobs', () => {
    const jobs = [
      makeJob({ mlAnalysis: { matchedSkills: ['Python'], missingSkills: ['Kubernetes', 'Go', 'kubernetes'] } }),
      makeJob({ mlAnalysis: { matchedSkills: ['Kubernetes'], missingSkills: ['Go'] } }),
      makeJob({ mlAnalysis: { matchedSkills: ['Go'], missingSkills: [] } }),
      makeJob({}),
    ];
    expect(skillGaps(jobs)).toEqual({
      matchedJobs: 3,
      gaps: [
        { name: 'Go', missingIn: 2, metIn: 1, shareOfMatched: 2 / 3 },
        { name: 'Kubernetes', missingIn: 1, metIn: 1, shareOfMatched: 1 / 3 },
      ],
    });
  });

  it('leaves out jobs never matched and keeps only the top gaps', () => {
    const jobs = [makeJob({ mlAnalysis: { missingSkills: ['A', 'B', 'C'] } }), makeJob({ mlAnalysis: { matchScore: 40 } })];
    expect(skillGaps(jobs, 2)).toEqual({
      matchedJobs: 1,
      gaps: [
        { name: 'A', missingIn: 1, metIn: 0, shareOfMatched: 1 },
        { name: 'B', missingIn: 1, metIn: 0, shareOfMatched: 1 },
      ],
    });
  });
});
