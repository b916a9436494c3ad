import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactScore, match, type MatchJob, type MatchResume } from './match';
import { COSINE_CEILING, COSINE_FLOOR, SEMANTIC_WEIGHT, blendSemantic, calibrateCosine, cosine, semanticText } from './semantic-blend';
import { taxonomy } from './taxonomy';

const job: MatchJob = {
  title: 'Backend Engineer',
  description: 'Requirements: 4+ years with Node.js, PostgreSQL and Docker. Nice to have: Kafka. Remote.',
};
const resume: MatchResume = { title: 'Software Engineer', text: 'Software engineer, 5 years.\n- Built services in Node.js\n- Modelled data in PostgreSQL' };

describe('calibrateCosine', () => {
  it('maps the typical range of resume-job cosines onto 0-1 and clamps outside it', () => {
    expect(calibrateCosine(COSINE_FLOOR)).toBe(0);
    expect(calibrateCosine(COSINE_CEILING)).toBe(1);
    expect(calibrateCosine((COSINE_FLOOR + COSINE_CEILING) / 2)).toBeCloseTo(0.5, 10);
    expect(calibrateCosine(0.2)).toBe(0);
    expect(calibrateCosine(-1)).toBe(0);
    expect(calibrateCosine(0.97)).toBe(1);
    expect(calibrateCosine(Number.NaN)).toBe(0);
  });

  it('never falls as the cosine rises', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(calibrateCosine(hi)).toBeGreaterThanOrEqual(calibrateCosine(lo));
      }),
      { seed: 15 },
    );
  });
});

describe('cosine', () => {
  it('is 1 for the same direction, 0 for orthogonal vectors or a zero vector, -1 for opposite ones', () => {
    expect(cosine([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 5])).toBe(0);
    expect(cosine([0, 0], [1, 1])).toBe(0);
    expect(cosine([1, -1], [-1, 1])).toBeCloseTo(-1, 12);
  });

  it('refuses vectors of different lengths', () => {
    expect(() => cosine([1, 2], [1, 2, 3])).toThrow(/different lengths/);
  });
});

describe('semanticText', () => {
  it('is the title then the body, without blanks', () => {
    expect(semanticText(' Data Engineer ', 'Built pipelines.\n')).toBe('Data Engineer\nBuilt pipelines.');
    expect(semanticText(undefined, 'Built pipelines.')).toBe('Built pipelines.');
    expect(semanticText('Nurse', undefined)).toBe('Nurse');
  });
});

describe('blendSemantic', () => {
  const offline = match(resume, job);

  it('adds a semantic component and puts it in the score and band', () => {
    const blended = blendSemantic(offline, 0.78);
    const semantic = blended.components.find((c) => c.name === 'semantic');
    expect(semantic).toEqual({ name: 'semantic', weight: SEMANTIC_WEIGHT, score: 0.8 });
    expect(blended.components.filter((c) => c.name !== 'semantic')).toEqual(offline.components);
    expect(blended.score).toBe(Math.round(100 * exactScore(blended.components)));
    // The rest of the breakdown is the offline engine's.
    expect(blended.skills).toEqual(offline.skills);
    expect(blended.algorithmVersion).toBe(offline.algorithmVersion);
  });

  it('raises the score for a closer text and lowers it for a farther one', () => {
    expect(blendSemantic(offline, 0.85).score).toBeGreaterThan(blendSemantic(offline, 0.6).score);
    expect(blendSemantic(offline, 0.3).score).toBeLessThan(offline.score);
  });

  it('gives the same result for the same inputs, and replaces rather than stacks an earlier semantic part', () => {
    expect(blendSemantic(offline, 0.71)).toEqual(blendSemantic(match(resume, job), 0.71));
    const twice = blendSemantic(blendSemantic(offline, 0.4), 0.71);
    expect(twice).toEqual(blendSemantic(offline, 0.71));
  });

  it('leaves a title-only match as the offline engine scored it', () => {
    const titleOnly = match(resume, { title: 'Backend Engineer' });
    expect(blendSemantic(titleOnly, 0.9)).toBe(titleOnly);
  });

  it('never lowers the score when a required skill is added to the resume, for any given similarity', () => {
    const names = [...taxonomy().skills.keys()];
    const skill = fc.constantFrom(...names);
    fc.assert(
      fc.property(
        fc.array(skill, { minLength: 1, maxLength: 8 }),
        fc.array(skill, { maxLength: 8 }),
        fc.nat(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (req, have, pick, similarity) => {
          const description = `Requirements: ${req.join(', ')}.`;
          const text = `Experience with ${have.join(', ')}.`;
          const added = req[pick % req.length]!;
          const before = blendSemantic(match({ text }, { title: 'Engineer', description }), similarity);
          const after = blendSemantic(match({ text: `${text}\nSkills: ${added}` }, { title: 'Engineer', description }), similarity);
          expect(exactScore(after.components)).toBeGreaterThanOrEqual(exactScore(before.components) - 1e-9);
          expect(after.score).toBeGreaterThanOrEqual(before.score);
        },
      ),
      { numRuns: 150, seed: 15 },
    );
  });
});
