import { describe, expect, it } from 'vitest';
import { recommend, type RecommendCandidate } from './recommend';

const resume = {
  title: 'Data Engineer',
  text: 'Data engineer, 5 years.\n- Built pipelines in Python and SQL on AWS\n- Streamed events with Kafka\n- Orchestrated jobs with Airflow',
};
const jobs: RecommendCandidate[] = [
  { id: 'nurse', status: 'saved', job: { title: 'Staff Nurse', description: 'Requirements: registered nurse licence, patient care, BLS.' } },
  { id: 'data', status: 'saved', job: { title: 'Data Engineer', description: 'Requirements: Python, SQL, Airflow, 3+ years. Nice to have: Kafka. Remote.' } },
  { id: 'applied', status: 'applied', job: { title: 'Data Engineer', description: 'Requirements: Python, SQL, Airflow.' } },
  { id: 'analyst', status: 'saved', job: { title: 'Data Analyst', description: 'Requirements: SQL, Tableau, Excel.' } },
];

describe('recommend', () => {
  it('ranks saved jobs by fit with reasons, leaving out jobs already applied to', () => {
    const list = recommend(resume, jobs);
    expect(list.map((r) => r.id)).toEqual(['data', 'analyst', 'nurse']);
    const top = list[0]!;
    expect(top.reasons).toContain('Shows 3 of 3 required skills');
    expect(top.reasons).toContain('Remote');
    expect(top.missing).toEqual([]);
    expect(list[1]!.missing).toEqual(expect.arrayContaining(['Tableau']));
    expect(list[0]!.score).toBeGreaterThan(list[2]!.score);
  });

  it('keeps the given order for ties and honours the limit', () => {
    const twins: RecommendCandidate[] = [
      { id: 'x', status: 'saved', job: { title: 'Data Engineer', description: 'Requirements: Python.' } },
      { id: 'y', status: 'saved', job: { title: 'Data Engineer', description: 'Requirements: Python.' } },
    ];
    expect(recommend(resume, twins).map((r) => r.id)).toEqual(['x', 'y']);
    expect(recommend(resume, jobs, 1).map((r) => r.id)).toEqual(['data']);
  });

  it('says when a job was scored on its title only', () => {
    const [only] = recommend(resume, [{ id: 't', status: 'saved', job: { title: 'Data Engineer' } }]);
    expect(only!.reasons).toContain('Scored on the title only (no description)');
  });
});
