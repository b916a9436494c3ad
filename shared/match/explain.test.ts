import { describe, expect, it } from 'vitest';
import { educationLine, engineLine, experienceLine, locationLine, seniorityName, skillCounts, titleLine } from './explain';
import { match } from './match';

describe('match explanations', () => {
  const resume = { text: 'Senior backend engineer, 6 years of experience. Node.js, PostgreSQL. BSc Computer Science.', title: 'Senior Backend Engineer', location: 'Lisbon' };
  const result = match(resume, {
    title: 'Lead Backend Engineer',
    description: "Requirements: Node.js, Kubernetes. 8+ years of experience. Master's degree.",
    location: 'Porto',
  });

  it('names levels, years, education and place in words', () => {
    expect(seniorityName(3)).toBe('senior');
    expect(seniorityName(undefined)).toBeUndefined();
    expect(titleLine(result)).toMatch(/^\d+% title fit; the job is lead, your resume reads senior$/);
    expect(experienceLine(result)).toBe('8+ years asked; 6 years shown');
    expect(educationLine(result)).toBe("master's asked; bachelor's shown");
    expect(locationLine(result)).toBe('Porto; you are in Lisbon');
  });

  it('counts skills by status', () => {
    expect(skillCounts(result.skills.required)).toEqual({ met: 1, partly: 0, missing: 1 });
  });

  it('names the engine that answered', () => {
    expect(engineLine('device')).toBe('on this device');
    expect(engineLine('offline')).toBe('by the server (the same engine as this device)');
    expect(engineLine('server')).toBe('by the server, with semantic similarity');
    expect(engineLine('something-new')).toBe('by the server');
  });
});
