// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturedJobSchema } from '../jobs/capture';
import {
  extractLinkedInJob,
  findEasyApplyConfirmation,
  isLinkedInJobsPage,
  linkedInJobIdFromUrl,
} from './linkedin';

function fixture(name: string): Document {
  const html = readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/linkedin', name), 'utf8');
  return new DOMParser().parseFromString(html, 'text/html');
}

describe('linkedInJobIdFromUrl', () => {
  it.each([
    ['https://www.linkedin.com/jobs/view/4012345678/', '4012345678'],
    ['https://www.linkedin.com/jobs/view/senior-frontend-engineer-at-acme-4012345678/', '4012345678'],
    ['https://www.linkedin.com/jobs/view/4012345678/apply/?openSDUIApplyFlow=true', '4012345678'],
    ['https://www.linkedin.com/jobs/search/?currentJobId=4098765432&keywords=react', '4098765432'],
    ['https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432', '4098765432'],
    ['https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3999999999', '3999999999'],
    ['https://www.linkedin.com/jobs/search/?selectedJobId=3888888888', '3888888888'],
  ])('%s → %s', (url, id) => {
    expect(linkedInJobIdFromUrl(new URL(url))).toBe(id);
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/jobs/',
    'https://www.linkedin.com/jobs/search/?currentJobId=abc',
    'https://evil.example/jobs/view/4012345678/',
    'http://www.linkedin.com/jobs/view/4012345678/',
  ])('no job id in %s', (url) => {
    expect(linkedInJobIdFromUrl(new URL(url))).toBeUndefined();
  });

  it('tells job pages from the rest of LinkedIn', () => {
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com/jobs/view/1234567/'))).toBe(true);
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com/feed/'))).toBe(false);
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com.evil.example/jobs/'))).toBe(false);
  });
});

describe('findEasyApplyConfirmation', () => {
  it('sees nothing before the application is submitted', () => {
    const doc = fixture('job-view-easy-apply.html');
    expect(findEasyApplyConfirmation(doc)).toBeNull();
  });

  it('does not take the apply dialog itself for a confirmation', () => {
    const doc = fixture('job-view-easy-apply.html');
    doc.getElementById('artdeco-modal-outlet')!.innerHTML =
      '<div role="dialog" class="artdeco-modal"><h2>Apply to Acme Robotics</h2><button>Submit application</button></div>';
    expect(findEasyApplyConfirmation(doc)).toBeNull();
  });

  it('reads the company from the SDUI confirmation', () => {
    expect(findEasyApplyConfirmation(fixture('search-results-sdui-applied.html'))).toEqual({
      company: 'Globex Corporation',
      evidence: 'Your application was sent to Globex Corporation',
    });
  });

  it('accepts a header-only confirmation', () => {
    const doc = fixture('job-view-easy-apply.html');
    doc.getElementById('artdeco-modal-outlet')!.innerHTML =
      '<div role="dialog" aria-labelledby="post-apply-modal"><h2 id="post-apply-modal">Application sent</h2></div>';
    expect(findEasyApplyConfirmation(doc)).toEqual({ evidence: 'Application sent' });
  });

  it('ignores the authwall', () => {
    expect(findEasyApplyConfirmation(fixture('authwall.html'))).toBeNull();
  });
});

describe('extractLinkedInJob', () => {
  it('extracts the job from the older layout', () => {
    const job = extractLinkedInJob(new URL('https://www.linkedin.com/jobs/view/4012345678/'), fixture('job-view-easy-apply.html'));
    expect(job).toMatchObject({
      platform: 'linkedin',
      siteJobId: '4012345678',
      title: 'Senior Frontend Engineer',
      company: 'Acme Robotics',
      location: 'Berlin, Germany',
      url: 'https://www.linkedin.com/jobs/view/4012345678/',
    });
    expect(job?.description).toContain('operator dashboard in React');
    expect(capturedJobSchema.safeParse(job).success).toBe(true);
  });

  it('extracts the job from the 2026 SDUI layout', () => {
    const doc = fixture('search-results-sdui-applied.html');
    const url = new URL('https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432');
    const job = extractLinkedInJob(url, doc, findEasyApplyConfirmation(doc) ?? undefined);
    expect(job).toMatchObject({
      siteJobId: '4098765432',
      title: 'Data Analyst, Supply Chain',
      company: 'Globex Corporation',
      url: 'https://www.linkedin.com/jobs/view/4098765432/',
    });
    expect(job?.description).toContain('supply chain data');
    expect(capturedJobSchema.safeParse(job).success).toBe(true);
  });

  it('takes the job id from the apply button when the URL has none', () => {
    const job = extractLinkedInJob(new URL('https://www.linkedin.com/jobs/'), fixture('job-view-easy-apply.html'));
    expect(job?.siteJobId).toBe('4012345678');
  });

  it('finds no job on the authwall', () => {
    expect(extractLinkedInJob(new URL('https://www.linkedin.com/authwall'), fixture('authwall.html'))).toBeNull();
  });

  it('bounds what a hostile page can put in a title', () => {
    const doc = fixture('job-view-easy-apply.html');
    doc.querySelector('.job-details-jobs-unified-top-card__job-title')!.textContent = 'x'.repeat(10_000);
    const job = extractLinkedInJob(new URL('https://www.linkedin.com/jobs/view/4012345678/'), doc);
    expect(job?.title).toHaveLength(300);
    expect(capturedJobSchema.safeParse(job).success).toBe(true);
  });
});
