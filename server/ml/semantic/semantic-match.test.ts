import { describe, expect, it } from 'vitest';
import { analyzeJob, analyzeResume, match, type MatchJob, type MatchResume } from '../../../shared/match/match';
import { blendSemantic } from '../../../shared/match/semantic-blend';
import { createSemanticEmbedder, type SemanticEmbedder } from './embedder';
import { serverMatch } from './semantic-match';

const job: MatchJob = {
  title: 'Data Engineer',
  description: 'Requirements: 3+ years building data pipelines with Python, SQL, Airflow and Spark on AWS. Nice to have: Kafka, dbt.',
};
const resume: MatchResume = {
  title: 'Data Engineer',
  text: 'Data engineer, 5 years.\n- Built batch pipelines in Python and SQL on AWS\n- Scheduled jobs with Airflow\n- Mentored two engineers',
};
const run = (embedder: SemanticEmbedder, r = resume, j = job) => serverMatch(embedder, analyzeResume(r), analyzeJob(j));

describe('server match', () => {
  it('blends the similarity into the offline result and says the server answered', async () => {
    const fixed: SemanticEmbedder = { similarity: async () => 0.8, embed: async () => new Float32Array(0), cacheSize: 0 };
    expect(await run(fixed)).toEqual({ engine: 'server', result: blendSemantic(match(resume, job), 0.8) });
  });

  it('answers with the offline result, and says why, when the model does not load', async () => {
    const broken = createSemanticEmbedder({ load: () => Promise.reject(new Error('Cannot find module @energetic-ai/embeddings')) });
    const answer = await run(broken);
    expect(answer.engine).toBe('offline');
    expect(answer.result).toEqual(match(resume, job));
    expect(answer.semanticUnavailable).toMatch(/could not be loaded/);
    // The reason names the failure's kind only: never a path or a text.
    expect(answer.semanticUnavailable).not.toMatch(/energetic|module/);
  });

  it('leaves a title-only job to the offline engine', async () => {
    const fixed: SemanticEmbedder = { similarity: async () => 0.8, embed: async () => new Float32Array(0), cacheSize: 0 };
    expect(await run(fixed, resume, { title: 'Data Engineer' })).toEqual({ engine: 'offline', result: match(resume, { title: 'Data Engineer' }) });
  });

  describe('with the sentence-embedding model from the installed package (no network)', () => {
    const embedder = createSemanticEmbedder();

    it('scores the same inputs the same, with a semantic component from the model', async () => {
      const first = await run(embedder);
      const again = await run(createSemanticEmbedder());
      expect(first.engine).toBe('server');
      expect(again).toEqual(first);
      const semantic = first.result.components.find((c) => c.name === 'semantic');
      expect(semantic?.score).toBeGreaterThan(0.5);
    });

    it('finds a data engineer closer to a data engineering job than to a nursing one', async () => {
      const nursing: MatchJob = { title: 'ICU Registered Nurse', description: 'Requirements: RN licence, BLS and ACLS, 2 years of critical care nursing, ventilated patients.' };
      const near = await embedder.similarity(`${resume.title}\n${resume.text}`, `${job.title}\n${job.description}`);
      const far = await embedder.similarity(`${resume.title}\n${resume.text}`, `${nursing.title}\n${nursing.description}`);
      expect(near).toBeGreaterThan(far + 0.2);
      expect((await run(embedder, resume, nursing)).result.components.find((c) => c.name === 'semantic')?.score).toBe(0);
    });

    it('never lowers the score when a missing required skill is added to the resume', async () => {
      const before = await run(embedder);
      const missing = before.result.skills.required.filter((s) => s.status !== 'met');
      expect(missing.length).toBeGreaterThan(0);
      for (const skill of missing) {
        const after = await run(embedder, { ...resume, text: `${resume.text}\nSkills: ${skill.name}` });
        expect(after.result.score, skill.name).toBeGreaterThanOrEqual(before.result.score);
      }
    });
  });
});
