// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { capturedJobSchema } from '../jobs/capture';
import { shippedRules } from '../rules/shipped';
import { loadFixture as fixture } from '../../tests/fixtures/load';
import { extractInternshala, internshalaCardJob, internshalaDetailFromUrl, internshalaPageKind } from './internshala';
import { attributeVisibility } from './visibility';

const options = { rules: shippedRules, isVisible: attributeVisibility, now: new Date('2026-11-20T12:00:00.000Z') };
const INTERNSHIP_URL = 'https://internshala.com/internship/detail/web-development-internship-in-bangalore-at-acme-technologies1234567';
const JOB_URL = 'https://internshala.com/job/detail/frontend-developer-job-in-pune-at-globex-solutions2345678';
const LISTING_URL = 'https://internshala.com/internships/web-development-internship/';

describe('internshala URLs', () => {
  it.each([
    [INTERNSHIP_URL, { employmentType: 'internship', id: '1234567' }],
    [`${INTERNSHIP_URL}?utm_source=x`, { employmentType: 'internship', id: '1234567' }],
    [JOB_URL, { employmentType: 'job', id: '2345678' }],
    ['https://internshala.com/job/details/react-developer-job-in-delhi-at-initech3456789/', { employmentType: 'job', id: '3456789' }],
    ['https://internshala.com/internship/detail/work-from-home-3-months-internship-at-x1112223', { employmentType: 'internship', id: '1112223' }],
  ])('%s is a detail page', (url, detail) => {
    expect(internshalaDetailFromUrl(new URL(url))).toEqual(detail);
    expect(internshalaPageKind(new URL(url))).toBe('job');
  });

  it.each([
    ['https://internshala.com/internships/', 'job-list'],
    ['https://internshala.com/internships/web-development-internship/', 'job-list'],
    ['https://internshala.com/jobs/jobs-in-pune/', 'job-list'],
    ['https://internshala.com/student/applications', 'applications'],
    ['https://internshala.com/student/applications?referral=nav', 'applications'],
    ['https://internshala.com/internship/detail/', 'other'],
    ['https://internshala.com/', 'other'],
    ['https://internshala.com.evil.example/internship/detail/x1234567', 'other'],
    ['http://internshala.com/internship/detail/web-development1234567', 'other'],
  ])('%s is %s', (url, kind) => {
    expect(internshalaPageKind(new URL(url))).toBe(kind);
  });
});

describe('internship detail page', () => {
  it('extracts every field; the hidden success dialog is no application', () => {
    const result = extractInternshala(new URL(INTERNSHIP_URL), fixture('internshala/internship-detail.html'), options);
    expect(result).toEqual({
      kind: 'job',
      applied: false,
      signals: [],
      job: {
        platform: 'internshala',
        siteJobId: '1234567',
        title: 'Web Development',
        company: 'Acme Technologies',
        location: 'Bangalore, Work from home',
        salary: '₹ 10,000 /month',
        employmentType: 'internship',
        duration: '3 Months',
        startDate: 'Immediately',
        url: INTERNSHIP_URL,
        description: "Selected intern's day-to-day responsibilities include:\n1. Building pages in React\n2. Writing tests",
      },
    });
    expect(capturedJobSchema.safeParse(result.job).success).toBe(true);
  });

  it('records the application once the success dialog is shown', () => {
    const doc = fixture('internshala/internship-detail.html');
    const modal = doc.getElementById('similar_job_modal')!;
    modal.classList.add('show');
    modal.style.display = 'block';
    expect(extractInternshala(new URL(INTERNSHIP_URL), doc, options)).toMatchObject({
      applied: true,
      signals: [{ type: 'application_success', evidence: expect.stringMatching(/^Application submitted/) }],
      job: { siteJobId: '1234567' },
    });
  });

  it('does not count a shown dialog without the success text', () => {
    const doc = fixture('internshala/internship-detail.html');
    const modal = doc.getElementById('similar_job_modal')!;
    modal.classList.add('show');
    modal.style.display = 'block';
    doc.querySelector('.application_submit_success')!.textContent = 'Similar internships you may like';
    expect(extractInternshala(new URL(INTERNSHIP_URL), doc, options).applied).toBe(false);
  });
});

describe('job detail page', () => {
  it('extracts a job with its CTC and no application', () => {
    expect(extractInternshala(new URL(JOB_URL), fixture('internshala/job-detail.html'), options)).toEqual({
      kind: 'job',
      applied: false,
      signals: [],
      job: {
        platform: 'internshala',
        siteJobId: '2345678',
        title: 'Frontend Developer',
        company: 'Globex Solutions',
        location: 'Pune',
        salary: '₹ 6,00,000 - 8,00,000',
        employmentType: 'job',
        startDate: 'Immediately',
        url: JOB_URL,
        description: 'Key responsibilities:\nBuild dashboards in Angular.',
      },
    });
  });
});

describe('listing pages', () => {
  it('a hidden success dialog is not an application', () => {
    expect(extractInternshala(new URL(LISTING_URL), fixture('internshala/listing-success-hidden.html'), options)).toEqual({
      kind: 'job-list',
      job: null,
      applied: false,
      signals: [],
    });
  });

  it('a visible success dialog is an application (the job comes from the card the user used)', () => {
    expect(extractInternshala(new URL(LISTING_URL), fixture('internshala/listing-success-visible.html'), options)).toEqual({
      kind: 'job-list',
      job: null,
      applied: true,
      signals: [{ type: 'application_success', evidence: 'Application submitted You can track status in My applications Back to internships' }],
    });
  });

  it('reads a job from a listing card', () => {
    const doc = fixture('internshala/listing-success-hidden.html');
    const card = doc.querySelector('[internshipid="3456789"]')!;
    expect(internshalaCardJob(new URL(LISTING_URL), card, doc)).toEqual({
      platform: 'internshala',
      siteJobId: '3456789',
      title: 'React Developer',
      company: 'Initech',
      location: 'Delhi',
      salary: '₹ 4,00,000 - 5,00,000',
      employmentType: 'job',
      url: 'https://internshala.com/job/detail/react-developer-job-in-delhi-at-initech3456789',
    });
  });

  it('the applications list records nothing', () => {
    const result = extractInternshala(new URL('https://internshala.com/student/applications'), fixture('internshala/listing-success-visible.html'), options);
    expect(result).toEqual({ kind: 'applications', job: null, applied: false, signals: [] });
  });
});
