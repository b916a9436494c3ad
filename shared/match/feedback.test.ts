import { describe, expect, it } from 'vitest';
import { feedbackForJob, feedbackForJobs } from './feedback';
import { match, type MatchJob, type MatchResume } from './match';

const resume: MatchResume = {
  title: 'Software Engineer',
  text: 'Software engineer.\n- Built REST services in Node.js and Express\n- Modelled data in PostgreSQL\n- Wrote tests with Mocha',
};
const backend: MatchJob = {
  title: 'Backend Engineer',
  description: "Requirements: 5+ years with Node.js, PostgreSQL, Docker, Kubernetes and Jest. Nice to have: Kafka. Bachelor's degree in computer science.",
};
const platform: MatchJob = { title: 'Platform Engineer', description: 'Requirements: Kubernetes, Terraform, Docker. Nice to have: Go.' };

describe('feedbackForJob', () => {
  it('proposes the changes that raise the score most, largest first, each measured by matching again', () => {
    const items = feedbackForJob(resume, backend);
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    const gains = items.map((i) => i.gain);
    expect(gains).toEqual([...gains].sort((a, b) => b - a));
    for (const item of items) expect(item.gain).toBeGreaterThan(0);
    // A required skill weighs twice a nice-to-have one: Docker comes before Kafka.
    const skills = items.filter((i) => i.kind === 'skill').map((i) => i.skill);
    expect(skills).toContain('Docker');
    expect(skills.indexOf('Docker')).toBeLessThan(skills.includes('Kafka') ? skills.indexOf('Kafka') : Infinity);

    // Making the top skill change for real raises the score by about the gain it claimed.
    const top = items.find((i) => i.kind === 'skill')!;
    const before = match(resume, backend).score;
    const after = match({ ...resume, skills: [top.skill!] }, backend).score;
    expect(after - before).toBeGreaterThanOrEqual(Math.floor(top.gain) - 1);
    expect(after).toBeGreaterThan(before);
  });

  it('asks to name a skill itself when only a related one is shown, and never to claim more years than shown', () => {
    const items = feedbackForJob(resume, backend, 20);
    const jest = items.find((i) => i.skill === 'Jest');
    expect(jest?.text).toMatch(/Name Jest itself.*Mocha/);
    expect(items.some((i) => i.kind === 'experience')).toBe(true); // no years shown at all: state them
    const seasoned = feedbackForJob({ ...resume, text: `${resume.text}\n2 years of experience` }, backend, 20);
    expect(seasoned.some((i) => i.kind === 'experience')).toBe(false); // 2 shown of 5 asked: nothing honest to add
  });

  it('has nothing to propose for a resume that already shows everything', () => {
    const full: MatchResume = { title: 'Platform Engineer', text: 'Platform engineer. Kubernetes, Terraform, Docker and Go every day.' };
    expect(feedbackForJob(full, platform)).toEqual([]);
  });
});

describe('feedbackForJobs', () => {
  it('ranks a change that helps every job above one that helps only one, and names the jobs it helps', () => {
    const items = feedbackForJobs(resume, [
      { id: 'a', job: backend },
      { id: 'b', job: platform },
    ], 10);
    const docker = items.find((i) => i.skill === 'Docker')!;
    const jest = items.find((i) => i.skill === 'Jest')!;
    expect(docker.jobIds).toEqual(['a', 'b']);
    expect(jest.jobIds).toEqual(['a']);
    expect(items.indexOf(docker)).toBeLessThan(items.indexOf(jest));
  });

  it('is deterministic', () => {
    const jobs = [{ id: 'a', job: backend }, { id: 'b', job: platform }];
    expect(feedbackForJobs(resume, jobs)).toEqual(feedbackForJobs(resume, jobs));
  });
});
