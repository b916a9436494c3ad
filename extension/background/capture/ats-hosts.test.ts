import { describe, expect, it } from 'vitest';
import { ATS_HOST_PATTERNS } from './ats-hosts';

describe('ATS_HOST_PATTERNS', () => {
  it('asks for exactly the shipped ATS hosts, with subdomains only where the rules allow them', () => {
    expect(ATS_HOST_PATTERNS).toEqual([
      'https://boards.greenhouse.io/*',
      'https://job-boards.greenhouse.io/*',
      'https://boards.eu.greenhouse.io/*',
      'https://job-boards.eu.greenhouse.io/*',
      'https://jobs.lever.co/*',
      'https://jobs.eu.lever.co/*',
      'https://jobs.ashbyhq.com/*',
      'https://*.myworkdayjobs.com/*',
      'https://*.myworkdaysite.com/*',
    ]);
  });
});
