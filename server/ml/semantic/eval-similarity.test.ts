import { describe, expect, it } from 'vitest';
import type { EvalJob, EvalResume } from '../../../shared/match/eval';
import type { SemanticEmbedder } from './embedder';
import { similaritiesFor } from './eval-similarity';

describe('similaritiesFor', () => {
  it('asks the embedder for every resume and job, with the texts the server embeds, and answers from that table', async () => {
    const asked: [string, string][] = [];
    const embedder: SemanticEmbedder = {
      similarity: async (a, b) => {
        asked.push([a, b]);
        return a.length / 100 + b.length / 1000;
      },
      embed: async () => new Float32Array(0),
      cacheSize: 0,
    };
    const resumes: EvalResume[] = [{ id: 'R1', title: 'Nurse', text: 'ICU nurse.', relevance: {} }];
    const jobs: EvalJob[] = [{ id: 'J1', title: 'ICU Nurse', text: 'Critical care.' }, { id: 'J2', text: 'Accounting.' }];
    const similarity = await similaritiesFor(embedder, resumes, jobs);
    expect(asked).toEqual([
      ['Nurse\nICU nurse.', 'ICU Nurse\nCritical care.'],
      ['Nurse\nICU nurse.', 'Accounting.'],
    ]);
    expect(similarity(resumes[0]!, jobs[1]!)).toBeCloseTo(0.16 + 0.011, 10);
    expect(() => similarity({ ...resumes[0]!, id: 'other' }, jobs[0]!)).toThrow(/No similarity/);
  });
});
