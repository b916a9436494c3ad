import { describe, expect, it } from 'vitest';
import { extractSkills, splitSkillItems } from './skills';
import { MAX_TEXT_CHARS, MatchInputError } from './text';

const names = (text: string) => extractSkills(text).map((s) => s.name);

describe('skill extraction', () => {
  it('splits compound entries and drops proficiency labels', () => {
    expect(splitSkillItems('AWS (EC2, S3, Lambda), Python (advanced), Go - intermediate, SQL: 5 years')).toEqual(['AWS', 'EC2', 'S3', 'Lambda', 'Python', 'Go', 'SQL']);
    expect(names('Skills: AWS (EC2, S3, Lambda); Python (expert) | Figma (basic)')).toEqual(['AWS', 'EC2', 'S3', 'Lambda', 'Python', 'Figma']);
  });

  it('reads the lines under a skills heading, keeping items the taxonomy does not know', () => {
    const text = 'SKILLS\nLanguages: TypeScript (advanced), Elm\nCloud: GCP (BigQuery)\nEXPERIENCE\nShipped features weekly.';
    expect(names(text)).toEqual(['TypeScript', 'Elm', 'Google Cloud', 'BigQuery']);
  });

  it('finds skills named only in the body, with the line that shows them', () => {
    const found = extractSkills('Summary\nBackend engineer.\n- Deployed services to AWS Lambda with Terraform\n- Mentored two juniors');
    expect(found.map((s) => s.name)).toEqual(['Backend development', 'Lambda', 'Terraform', 'Mentoring']);
    expect(found.find((s) => s.name === 'Terraform')?.evidence).toBe('Deployed services to AWS Lambda with Terraform');
  });

  it('does not take sentences under a skills heading for skills', () => {
    expect(names('Skills\nI am a quick learner who enjoys working with people in many settings')).toEqual([]);
  });

  it('refuses oversized text with a clear error', () => {
    expect(() => extractSkills('a'.repeat(MAX_TEXT_CHARS + 1))).toThrow(MatchInputError);
    expect(() => extractSkills('a'.repeat(MAX_TEXT_CHARS + 1))).toThrow(/limit is 200000/);
  });
});
