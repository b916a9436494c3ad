// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../rules/shipped';
import { inlinePage, jsonLdScript, loadFixture as fixture } from '../../tests/fixtures/load';
import { cleanTitle, extractGeneric, isWall } from './generic';
import { extractPage } from './index';
import { findJobPosting } from './json-ld';
import { attributeVisibility } from './visibility';

/**
 * Job boards through "Track this page", on reconstructions of real saved pages
 * (tests/fixtures/generic/*, internshala/listing-india.html, each naming the page it follows)
 * and on JobPosting JSON-LD as sites really write it.
 */

const options = { rules: shippedRules, isVisible: attributeVisibility, now: new Date('2026-11-20T12:00:00.000Z') };
const generic = shippedRules.sites.generic;

const page = inlinePage;
const ld = jsonLdScript;

describe('Workday job pages (JSON-LD)', () => {
  it('reads the posting with hiringOrganization and one Place as objects', () => {
    const url = new URL('https://maplesoft-example.wd1.myworkdayjobs.com/en-US/Ext/job/Senior-Product-Strategy-Manager---Games_25WD12345');
    expect(extractGeneric(url, fixture('generic/workday-job-json-ld.html'), options)).toMatchObject({
      kind: 'job',
      applied: false,
      signals: [{ type: 'structured_data', evidence: 'JobPosting' }],
      job: {
        platform: 'other',
        title: 'Senior Product Strategy Manager - Games',
        company: 'Maplesoft Example Canada Inc.',
        location: 'AMER - Canada - Ontario - Toronto - 1 Front St, Canada',
        siteJobId: '25WD12345',
        employmentType: 'Full-time',
        postedAt: '2026-09-24T00:00:00.000Z',
      },
    });
  });

  it('adds Remote for TELECOMMUTE and keeps a localised country', () => {
    const url = new URL('https://northwind-example.wd3.myworkdayjobs.com/fr-FR/Careers/job/Programme-Delivery-Manager_R0300001-1');
    expect(extractGeneric(url, fixture('generic/workday-job-json-ld-remote.html'), options).job).toMatchObject({
      title: 'Programme Delivery Manager',
      company: 'Northwind Example UK Limited',
      location: 'Aztec West, Royaume-Uni; Remote',
      siteJobId: 'R0300001',
    });
  });
});

describe('JobPosting as sites really write it', () => {
  const url = new URL('https://careers.example.com/jobs/42');
  const posting = (extra: Record<string, unknown>) =>
    findJobPosting(page(ld({ '@context': 'https://schema.org', '@type': 'JobPosting', title: 'Welder', ...extra })), generic);

  it('takes hiringOrganization as a plain name or as an object', () => {
    expect(posting({ hiringOrganization: 'Acme Forge' })?.company).toBe('Acme Forge');
    expect(posting({ hiringOrganization: { '@type': 'Organization', name: 'Acme Forge' } })?.company).toBe('Acme Forge');
  });

  it('takes jobLocation as one place or a list, with the region when the locality is missing', () => {
    expect(posting({ jobLocation: { '@type': 'Place', address: { addressRegion: 'Ohio', addressCountry: 'US' } } })?.location).toBe('Ohio, US');
    expect(
      posting({
        jobLocation: [
          { '@type': 'Place', address: { '@type': 'PostalAddress', addressLocality: 'Dayton', addressRegion: 'OH' } },
          { '@type': 'Place', address: { '@type': 'PostalAddress', addressRegion: 'Ontario', addressCountry: { '@type': 'Country', name: 'Canada' } } },
        ],
      })?.location,
    ).toBe('Dayton, OH; Ontario, Canada');
  });

  it('prefers the posting to the page title', () => {
    const doc = page(`<title>Welder | Acme Forge Careers</title>${ld({ '@type': 'JobPosting', title: 'Welder II', hiringOrganization: 'Acme Forge' })}`);
    expect(extractGeneric(url, doc, options).job).toMatchObject({ title: 'Welder II', company: 'Acme Forge' });
  });
});

describe('og: metadata with the site suffixes cut', () => {
  it.each([
    ['Platform Engineer | Acme Careers', { title: 'Platform Engineer', company: 'Acme' }],
    ['Platform Engineer - job post', { title: 'Platform Engineer' }],
    ['Platform Engineer – Berlin | Careers at Initech', { title: 'Platform Engineer – Berlin', company: 'Initech' }],
    ['Senior Strategy Manager - Content Creation', { title: 'Senior Strategy Manager - Content Creation' }],
    ['Careers', { title: 'Careers' }],
  ])('%s', (raw, expected) => {
    expect(cleanTitle(raw, generic)).toEqual(expected);
  });

  it('cuts the site name, and gives the suffix company to the job', () => {
    expect(cleanTitle('Data Analyst · Globex', generic, 'Globex')).toEqual({ title: 'Data Analyst' });
    const doc = page('<meta property="og:title" content="Data Analyst | Globex Careers">');
    expect(extractGeneric(new URL('https://jobs.globex.example/openings/7'), doc, options).job).toMatchObject({
      title: 'Data Analyst',
      company: 'Globex',
    });
  });
});

describe('job board lists are not jobs', () => {
  it.each([
    ['https://maplesoft-example.wd1.myworkdayjobs.com/Ext', 'generic/workday-listing.html'],
    ['https://jobs.ashbyhq.com/BrightHarbor', 'generic/ashby-listing.html'],
    ['https://jobs.lever.co/quillstack', 'generic/lever-listing.html'],
  ])('%s', (url, name) => {
    const result = extractPage(url, fixture(name), options);
    expect(result.kind).toBe('other');
    expect(result.applied).toBe(false);
  });

  it('Internshala\'s listing, with an advertisement card among the internships', () => {
    expect(extractPage('https://internshala.com/internships/internship-in-india/', fixture('internshala/listing-india.html'), options)).toEqual({
      kind: 'job-list',
      job: null,
      applied: false,
      signals: [],
    });
  });
});

describe('walls give no job', () => {
  it('a Cloudflare bot check in front of a job board', () => {
    const result = extractPage('https://uk.indeed.com/jobs?q=react+developer&l=Leeds', fixture('generic/cloudflare-challenge.html'), options);
    expect(result).toEqual({ kind: 'authwall', job: null, applied: false, signals: [] });
  });

  it('a shown sign-in form, but not a hidden one', () => {
    const wall = page('<title>Sign in | Acme Careers</title>', '<form><input type="email"><input type="password"><button>Sign in</button></form>');
    expect(extractGeneric(new URL('https://careers.acme.example/login'), wall, options)).toMatchObject({ kind: 'authwall', job: null });
    const dropdown = page(
      '<meta property="og:title" content="Welder | Acme Careers">',
      '<div hidden><form><input type="password"></form></div><h1>Welder</h1>',
    );
    expect(isWall(dropdown, generic, attributeVisibility)).toBe(false);
    expect(extractGeneric(new URL('https://careers.acme.example/jobs/1'), dropdown, options).job?.title).toBe('Welder');
  });

  it('a JobPosting beats a sign-in form on the same page', () => {
    const doc = page(ld({ '@type': 'JobPosting', title: 'Welder', hiringOrganization: 'Acme Forge' }), '<form><input type="password"></form>');
    expect(extractGeneric(new URL('https://careers.acme.example/jobs/1'), doc, options).kind).toBe('job');
  });
});
