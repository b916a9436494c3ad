// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../rules/shipped';
import { inlinePage, jsonLdScript, loadFixture as fixture } from '../../tests/fixtures/load';
import { extractGeneric } from './generic';
import { findJobPosting, htmlToText } from './json-ld';
import { attributeVisibility } from './visibility';

const options = { rules: shippedRules, isVisible: attributeVisibility, now: new Date('2026-11-20T12:00:00.000Z') };
const generic = shippedRules.sites.generic;

const page = inlinePage;
const ld = jsonLdScript;

describe('career page with JSON-LD', () => {
  it('reads the JobPosting from @graph, skipping invalid JSON-LD before it', () => {
    const url = new URL('https://boards.greenhouse.io/initech/jobs/5551234?gh_src=linkedin&utm_source=x');
    expect(extractGeneric(url, fixture('generic/greenhouse-job.html'), options)).toEqual({
      kind: 'job',
      applied: false,
      signals: [{ type: 'structured_data', evidence: 'JobPosting' }],
      job: {
        platform: 'other',
        siteJobId: '5551234',
        title: 'Platform Engineer',
        company: 'Initech',
        url: 'https://boards.greenhouse.io/initech/jobs/5551234',
        location: 'Austin, TX, United States; Remote, US',
        description: 'About the role\nRun our Kubernetes platform & CI.\n• Terraform\n• Go',
        salary: 'USD 120,000–150,000 per year',
        employmentType: 'Full-time, Contract',
        postedAt: '2026-11-18T00:00:00.000Z',
      },
    });
  });
});

describe('findJobPosting', () => {
  it('reads a top-level array and a single salary value', () => {
    const doc = page(ld([{ '@type': 'WebPage' }, { '@type': 'JobPosting', title: 'Nurse', baseSalary: { currency: 'EUR', value: { value: 21.5, unitText: 'HOUR' } } }]));
    expect(findJobPosting(doc, generic)).toEqual({ title: 'Nurse', salary: 'EUR 21.5 per hour' });
  });

  it('reads a schema.org URL type, a string organisation and a remote location', () => {
    const doc = page(ld({ '@type': ['Thing', 'http://schema.org/JobPosting'], name: 'Writer', hiringOrganization: 'Acme', jobLocationType: 'TELECOMMUTE' }));
    expect(findJobPosting(doc, generic)).toEqual({ title: 'Writer', company: 'Acme', location: 'Remote' });
  });

  it('ignores invalid dates and unsafe URLs and identifiers', () => {
    const doc = page(ld({ '@type': 'JobPosting', title: 'X', datePosted: 'yesterday', url: 'javascript:alert(1)', identifier: '../etc' }));
    expect(findJobPosting(doc, generic)).toEqual({ title: 'X' });
  });

  it('skips scripts over the size limit and nested too deeply, without throwing', () => {
    const big = page(ld({ '@type': 'JobPosting', title: 'Big', description: 'x'.repeat(generic.maxScriptChars) }));
    expect(findJobPosting(big, generic)).toBeNull();
    const deep = page(`<script type="application/ld+json">${'['.repeat(10_000)}${']'.repeat(10_000)}</script>`);
    expect(findJobPosting(deep, generic)).toBeNull();
    const nested = page(ld({ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@graph': [{ '@type': 'JobPosting', title: 'Too deep' }] }] }] }] }] }] }] }] }] }] }] }] }] }));
    expect(findJobPosting(nested, generic)).toBeNull();
    expect(findJobPosting(page('<script type="application/ld+json">{oops</script>'), generic)).toBeNull();
  });
});

describe('htmlToText', () => {
  it('keeps structure, drops scripts and decodes entities (also entity-encoded markup)', () => {
    expect(htmlToText('<p>A &amp; B</p><ul><li>one</li><li>two</li></ul><script>x()</script>')).toBe('A & B\n• one\n• two');
    expect(htmlToText('&lt;p&gt;Hello&lt;/p&gt;&lt;p&gt;World&lt;/p&gt;')).toBe('Hello\nWorld');
  });
});

describe('metadata fallback and negatives', () => {
  it('a blog post quoting "Application sent" is no job page and no application', () => {
    const url = new URL('https://blog.example.com/2026/what-application-sent-really-means');
    expect(extractGeneric(url, fixture('generic/blog-application-sent.html'), options)).toEqual({
      kind: 'other',
      applied: false,
      signals: [{ type: 'page_metadata', evidence: 'og:title / <title>' }],
      job: {
        platform: 'other',
        title: 'What "Application sent" really means',
        company: 'Career Notes',
        url: 'https://blog.example.com/2026/what-application-sent-really-means',
        description: 'Decoding the screens you see after pressing Easy Apply.',
      },
    });
  });

  it('Organization JSON-LD is not a posting', () => {
    const result = extractGeneric(new URL('https://careers.example.org/'), fixture('generic/organization-json-ld.html'), options);
    expect(result).toEqual({
      kind: 'other',
      applied: false,
      signals: [{ type: 'page_metadata', evidence: 'og:title / <title>' }],
      job: { platform: 'other', title: 'Careers at Example Org', company: 'careers.example.org', url: 'https://careers.example.org/' },
    });
  });

  it('an empty page gives no job', () => {
    expect(extractGeneric(new URL('https://example.com/'), page(''), options)).toEqual({ kind: 'other', job: null, applied: false, signals: [] });
  });
});

describe('known hosts', () => {
  it('Indeed: job key from jk and the page markup', () => {
    const doc = page(
      '<title>Data Engineer - Acme - Remote | Indeed.com</title>',
      '<h1 data-testid="jobsearch-JobInfoHeader-title">Data Engineer</h1><div data-testid="inlineHeader-companyName"><a>Acme</a></div>' +
        '<div data-testid="inlineHeader-companyLocation">Remote</div><div id="jobDescriptionText"><p>Spark and Airflow.</p></div>',
    );
    const url = new URL('https://in.indeed.com/viewjob?jk=5f1c2d3e4a5b6c7d&from=serp');
    expect(extractGeneric(url, doc, options)).toEqual({
      kind: 'job',
      applied: false,
      signals: [{ type: 'page_metadata', evidence: 'site selectors' }],
      job: {
        platform: 'indeed',
        siteJobId: '5f1c2d3e4a5b6c7d',
        title: 'Data Engineer',
        company: 'Acme',
        location: 'Remote',
        description: 'Spark and Airflow.',
        url: 'https://in.indeed.com/viewjob?from=serp&jk=5f1c2d3e4a5b6c7d',
      },
    });
  });

  it.each([
    ['https://www.naukri.com/job-listings-react-developer-acme-bengaluru-3-to-5-years-120125012345', '120125012345'],
    ['https://www.naukri.com/job-listings-react-developer-acme-1234567', undefined],
    ['https://notnaukri.com/job-listings-react-developer-acme-120125012345', undefined],
  ])('Naukri id in %s: %s', (url, id) => {
    const result = extractGeneric(new URL(url), page('<title>React Developer</title>', '<h1>React Developer</h1>'), options);
    expect(result.job?.siteJobId).toBe(id);
  });
});
