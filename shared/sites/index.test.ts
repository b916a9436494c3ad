// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../rules/shipped';
import { loadFixture as fixture } from '../../tests/fixtures/load';
import { attributeVisibility, extractPage, observeRootsFor, siteFor, toCapturedJob } from './index';

const options = { rules: shippedRules, isVisible: attributeVisibility, now: new Date('2026-11-20T12:00:00.000Z') };

describe('siteFor', () => {
  it.each([
    ['https://www.linkedin.com/jobs/view/4012345678/', 'linkedin'],
    ['https://linkedin.com/feed/', 'linkedin'],
    ['https://internshala.com/internships/', 'internshala'],
    ['https://www.internshala.com/student/applications', 'internshala'],
    ['https://in.indeed.com/viewjob?jk=abc', 'generic'],
    ['https://www.linkedin.com.evil.example/jobs/view/4012345678/', 'generic'],
    ['https://boards.greenhouse.io/initech/jobs/5551234', 'generic'],
    ['not a url', 'generic'],
  ])('%s → %s', (url, id) => {
    expect(siteFor(url).id).toBe(id);
  });
});

describe('extractPage', () => {
  it('dispatches by host', () => {
    expect(extractPage('https://www.linkedin.com/jobs/view/4011111111/', fixture('linkedin/job-view-fr.html'), options)).toMatchObject({
      kind: 'job',
      applied: true,
      job: { platform: 'linkedin', siteJobId: '4011111111' },
    });
    expect(extractPage('https://boards.greenhouse.io/initech/jobs/5551234', fixture('generic/greenhouse-job.html'), options)).toMatchObject({
      kind: 'job',
      applied: false,
      job: { platform: 'other', title: 'Platform Engineer' },
    });
  });

  it('returns nothing for a non-web URL instead of throwing', () => {
    expect(extractPage('javascript:alert(1)', fixture('linkedin/job-view-fr.html'), options)).toEqual({
      kind: 'other',
      job: null,
      applied: false,
      signals: [],
    });
  });

  it('observes the modal outlet and detail pane on LinkedIn, the body elsewhere', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    expect(observeRootsFor('https://www.linkedin.com/jobs/view/4012345678/', doc).map((e) => e.id || e.tagName)).toEqual([
      'artdeco-modal-outlet',
      'DIV',
    ]);
    expect(observeRootsFor('https://internshala.com/internships/', doc)).toEqual([doc.body]);
  });
});

describe('toCapturedJob', () => {
  it('validates an extracted job into a capture payload', () => {
    const { job } = extractPage('https://boards.greenhouse.io/initech/jobs/5551234', fixture('generic/greenhouse-job.html'), options);
    expect(toCapturedJob(job)).toMatchObject({ platform: 'other', siteJobId: '5551234', salary: 'USD 120,000–150,000 per year' });
  });

  it('refuses what the capture schema refuses', () => {
    expect(toCapturedJob(null)).toBeNull();
    expect(toCapturedJob({ platform: 'other', title: ' ', company: 'x', url: 'https://example.com/' })).toBeNull();
    expect(toCapturedJob({ platform: 'other', title: 'T', company: 'x', url: 'ftp://example.com/' })).toBeNull();
  });
});

describe('attributeVisibility', () => {
  const doc = new DOMParser().parseFromString(
    `<div id="a" hidden><p id="a1">x</p></div>
     <div aria-hidden="true"><p id="b1">x</p></div>
     <div style="display: none"><p id="c1">x</p></div>
     <div style="visibility:hidden !important"><p id="d1">x</p></div>
     <div class="modal fade"><p id="e1">x</p></div>
     <div class="modal fade show"><p id="f1">x</p></div>
     <div class="modal in"><p id="g1">x</p></div>
     <div style="display: block"><p id="h1">x</p></div>`,
    'text/html',
  );
  it.each([
    ['a1', false],
    ['b1', false],
    ['c1', false],
    ['d1', false],
    ['e1', false],
    ['f1', true],
    ['g1', true],
    ['h1', true],
  ])('%s visible: %s', (id, visible) => {
    expect(attributeVisibility(doc.getElementById(id)!)).toBe(visible);
  });
});

describe("extractPage with job: 'signals' (what content scripts run after each burst of changes)", () => {
  const signalsOnly = { ...options, job: 'signals' as const };

  it('skips reading the job on a page that shows no signal', () => {
    const url = 'https://www.linkedin.com/jobs/view/4012345678/';
    expect(extractPage(url, fixture('linkedin/job-view-easy-apply.html'), options).job?.title).toBe('Senior Frontend Engineer');
    expect(extractPage(url, fixture('linkedin/job-view-easy-apply.html'), signalsOnly)).toMatchObject({ job: null, applied: false, signals: [] });
    const internship = 'https://internshala.com/internship/detail/web-development-internship-in-bangalore-at-acme-technologies1234567';
    expect(extractPage(internship, fixture('internshala/internship-detail.html'), signalsOnly).job).toBeNull();
  });

  it('still reads the job when a signal is on screen', () => {
    const page = extractPage(
      'https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432',
      fixture('linkedin/search-results-sdui-applied.html'),
      signalsOnly,
    );
    expect(page).toMatchObject({ applied: true, job: { siteJobId: '4098765432', company: 'Globex Corporation' } });
  });
});
