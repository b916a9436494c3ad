// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { loadFixture as fixture } from '../../../tests/fixtures/load';
import { shippedRules } from '../../rules/shipped';
import { attributeVisibility } from '../visibility';
import { extractAts } from './extract';
import { atsJobPage } from './job-page';
import { atsSite } from '../../../extension/content/ats-capture';

const options = { rules: shippedRules, isVisible: attributeVisibility, now: new Date('2026-11-20T12:00:00.000Z') };
const GREENHOUSE = 'https://job-boards.greenhouse.io/initech/jobs/5551234';
const LEVER = 'https://jobs.lever.co/hooli/8f14e45f-ceea-467f-a8f7-5c2b1d0e9a31';
const ASHBY = 'https://jobs.ashbyhq.com/globex/0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const WORKDAY = 'https://acme.wd5.myworkdayjobs.com/en-US/External/job/Austin-TX/Platform-Engineer_R-0012345';

const extract = (url: string, name: string) => extractAts(new URL(url), fixture(`ats/${name}`), options);

describe('ATS application submitted', () => {
  it('Greenhouse: the confirmation page records the job, at its posting URL', () => {
    expect(extract(`${GREENHOUSE}/confirmation`, 'greenhouse-confirmation.html')).toEqual({
      kind: 'job',
      applied: true,
      signals: [{ type: 'application_success', evidence: '#application_confirmation' }],
      job: { platform: 'other', title: 'Platform Engineer', company: 'Initech', url: GREENHOUSE, siteJobId: '5551234' },
    });
  });

  it('Lever: /thanks records the job, its company from the logo', () => {
    const page = extract(`${LEVER}/thanks`, 'lever-thanks.html');
    expect(page.applied).toBe(true);
    expect(page.signals).toEqual([{ type: 'application_success', evidence: '.application-confirmation' }]);
    expect(page.job).toEqual({ platform: 'other', title: 'Product Designer', company: 'Hooli', url: LEVER, siteJobId: '8f14e45f-ceea-467f-a8f7-5c2b1d0e9a31' });
  });

  it('Ashby: the success container rendered in place records the job from its JSON-LD', () => {
    const page = extract(`${ASHBY}/application`, 'ashby-application-success.html');
    expect(page.applied).toBe(true);
    expect(page.job).toMatchObject({ platform: 'other', title: 'Data Engineer', company: 'Globex', url: ASHBY, location: 'Lisbon, Portugal' });
  });

  it('Workday: the completed apply step is seen by its sentence on the apply flow URL', () => {
    const page = extract(`${WORKDAY}/apply/applyManually`, 'workday-application-submitted.html');
    expect(page.applied).toBe(true);
    expect(page.signals[0]?.evidence).toBe('Application Submitted');
    expect(page.job).toEqual({ platform: 'other', title: 'Platform Engineer', company: 'Acme Corp', url: WORKDAY, siteJobId: 'R-0012345' });
  });
});

describe('not submitted', () => {
  it.each([
    ['Greenhouse form, "Submit application", a description ending "Thanks for applying!"', GREENHOUSE, 'greenhouse-application-form.html'],
    ['Lever form', `${LEVER}/apply`, 'lever-apply-form.html'],
    ['Ashby form', `${ASHBY}/application`, 'ashby-application-form.html'],
    ["Ashby's failure view", `${ASHBY}/application`, 'ashby-application-failure.html'],
    ['Workday review step with "Submit"', `${WORKDAY}/apply/applyManually`, 'workday-apply-form.html'],
  ])('%s', (_name, url, name) => {
    const page = extract(url, name);
    expect(page.applied).toBe(false);
    expect(page.signals).toEqual([]);
  });

  it('a confirmation sentence off the pages only a submission leads to is the employer\'s copy', () => {
    // The confirmation page's markup at the job's own URL, without the hook: text alone proves nothing there.
    const doc = fixture('ats/greenhouse-confirmation.html');
    doc.getElementById('application_confirmation')!.removeAttribute('id');
    doc.querySelector('.application-confirmation')!.className = 'content';
    expect(extractAts(new URL(GREENHOUSE), doc, options).applied).toBe(false);
    expect(extractAts(new URL(`${GREENHOUSE}/confirmation`), doc, options).applied).toBe(true);
  });

  it('a confirmation hidden in the page does not count', () => {
    const doc = fixture('ats/lever-thanks.html');
    doc.querySelector('.application-confirmation')!.setAttribute('hidden', '');
    expect(extractAts(new URL(`${LEVER}/thanks`), doc, options).applied).toBe(false);
  });
});

describe('atsJobPage', () => {
  it('finds the posting in the URLs of each ATS and nothing on their other pages', () => {
    expect(atsJobPage(new URL(`${GREENHOUSE}/confirmation?gh_src=x`))?.jobUrl).toBe(GREENHOUSE);
    expect(atsJobPage(new URL('https://boards.greenhouse.io/initech/jobs/5551234'))?.siteJobId).toBe('5551234');
    expect(atsJobPage(new URL(`${WORKDAY}/apply/applyManually`))?.employerSlug).toBe('acme');
    expect(atsJobPage(new URL('https://jobs.lever.co/hooli'))).toBeNull();
    expect(atsJobPage(new URL('https://jobs.ashbyhq.com/globex'))).toBeNull();
    expect(atsJobPage(new URL('https://job-boards.greenhouse.io/initech'))).toBeNull();
    expect(atsJobPage(new URL('https://evil.example/initech/jobs/5551234'))).toBeNull();
    expect(atsJobPage(new URL('http://jobs.lever.co/hooli/8f14e45f-ceea-467f-a8f7-5c2b1d0e9a31'))).toBeNull();
  });
});

describe('ATS rules come from the active rule set', () => {
  it('a served set that changes a hook or a host is followed without a release', () => {
    const served = structuredClone(shippedRules);
    served.version = shippedRules.version + 1;
    // Lever renamed its confirmation container, and the old /thanks sentence fallback is off.
    served.sites.ats.lever.success = ['.posting-confirmation'];
    served.sites.ats.lever.confirmationSegments = [];
    const doc = fixture('ats/lever-thanks.html');
    expect(extractAts(new URL(`${LEVER}/thanks`), doc, options).applied).toBe(true);
    expect(extractAts(new URL(`${LEVER}/thanks`), doc, { ...options, rules: served }).applied).toBe(false);
    doc.querySelector('.application-confirmation')!.className = 'posting-confirmation';
    expect(extractAts(new URL(`${LEVER}/thanks`), doc, { ...options, rules: served }).signals).toEqual([
      { type: 'application_success', evidence: '.posting-confirmation' },
    ]);

    // The content script watches the hosts of the set it runs with.
    served.sites.ats.greenhouse.hosts = ['boards.greenhouse.io'];
    expect(atsSite.isWatchedUrl(new URL(GREENHOUSE), shippedRules)).toBe(true);
    expect(atsSite.isWatchedUrl(new URL(GREENHOUSE), served)).toBe(false);
  });
});
