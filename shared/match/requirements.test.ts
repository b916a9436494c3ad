import { describe, expect, it } from 'vitest';
import { jobSkills } from './requirements';

const split = (text: string) => {
  const skills = jobSkills(text);
  return { required: skills.filter((s) => s.need === 'required').map((s) => s.name), nice: skills.filter((s) => s.need === 'nice').map((s) => s.name) };
};

describe('required and nice-to-have skills', () => {
  it('reads inline markers in prose', () => {
    expect(split('Requirements: React and TypeScript, Jest. Nice to have: Next.js, Storybook. Strong communication skills.')).toEqual({
      required: ['React', 'TypeScript', 'Jest'],
      nice: ['Next.js', 'Storybook', 'Communication'],
    });
  });

  it('reads headed blocks and their bullets, ignoring benefits', () => {
    const text = 'About the role\nYou will build data pipelines.\nMust have:\n- Go\n- Kubernetes\nBonus\n- Rust\n- Kafka\nBenefits\n- Java workshops paid for';
    expect(split(text)).toEqual({ required: ['Go', 'Kubernetes'], nice: ['Data pipelines', 'Rust', 'Kafka'] });
  });

  it('takes a sentence that marks itself optional as nice to have', () => {
    expect(split('Requirements: GAAP, QuickBooks. CPA preferred. Salesforce experience is a plus.')).toEqual({
      required: ['GAAP', 'QuickBooks'],
      nice: ['CPA', 'Salesforce'],
    });
  });

  it('counts every skill as required when the job marks nothing', () => {
    expect(split('We need someone with SQL and Tableau.')).toEqual({ required: ['SQL', 'Tableau'], nice: [] });
  });

  it('keeps a skill named in both parts required', () => {
    expect(split('Requirements: Python. Nice to have: Python and Airflow.')).toEqual({ required: ['Python'], nice: ['Airflow'] });
  });
});
