// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { shippedRules } from '../rules/shipped';
import { loadFixture as fixture } from '../../tests/fixtures/load';
import { extractLinkedIn, findAppliedBadge, structuralTopCard } from './linkedin';
import { siteFor } from './index';
import { attributeVisibility } from './visibility';

/**
 * LinkedIn on reconstructions of real saved pages (tests/fixtures/linkedin/*, each naming the page
 * it follows): both logged-in layouts, guest pages on country hosts, guest search, the authwall.
 */

const now = new Date('2026-11-20T12:00:00.000Z');
const options = { rules: shippedRules, isVisible: attributeVisibility, now };
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function extract(url: string, name: string, edit?: (doc: Document) => void) {
  const doc = fixture(`linkedin/${name}`);
  edit?.(doc);
  return extractLinkedIn(new URL(url), doc, options);
}

describe('older layout, search with a selected job (Italian)', () => {
  const url = 'https://www.linkedin.com/jobs/search/?currentJobId=4101010101&keywords=magazziniere&location=Bergamo';

  it('reads the selected job, its reposted time and its Italian employment type', () => {
    expect(extract(url, 'classic-search-it-repost.html')).toMatchObject({
      kind: 'job',
      applied: false,
      signals: [],
      job: {
        platform: 'linkedin',
        siteJobId: '4101010101',
        title: 'Addetto inventario',
        company: 'Pacchi Veloci',
        location: 'Treviglio, Lombardia, Italia',
        postedAt: ago(HOUR),
        employmentType: 'A tempo pieno',
        url: 'https://www.linkedin.com/jobs/view/4101010101/',
        description: expect.stringContaining('addetto all’inventario'),
      },
    });
  });

  it('does not take another card\'s "Candidatura inviata" for the selected job', () => {
    expect(extract(url, 'classic-search-it-repost.html').applied).toBe(false);
    const other = extract(url.replace('4101010101', '4102020202'), 'classic-search-it-repost.html');
    expect(other).toMatchObject({ applied: true, signals: [{ type: 'applied_badge', evidence: 'Candidatura inviata' }] });
  });

  it('follows currentJobId to a card that is not the first, with a title that has dashes of its own', () => {
    const result = extract(
      'https://www.linkedin.com/jobs/search/?currentJobId=4103030303&keywords=python%20developer&location=Italy',
      'classic-search-it-hybrid.html',
    );
    expect(result.job).toMatchObject({
      siteJobId: '4103030303',
      title: 'Sviluppatore back-end senior --Ibrido--',
      company: 'Casa Trovata Italia',
      location: 'Torino, Piemonte, Italia',
      postedAt: ago(14 * DAY),
    });
    expect(result.applied).toBe(false);
  });
});

describe('older layout, search with an Easy Apply job (English)', () => {
  it('reads the job, and its id from the apply button when the URL has none', () => {
    const result = extract('https://www.linkedin.com/jobs/search/?keywords=Software%20Engineer', 'classic-search-easy-apply.html');
    expect(result).toMatchObject({
      kind: 'job',
      applied: false,
      job: {
        siteJobId: '4105050505',
        title: 'Staff Software Engineer',
        company: 'Lighthouse Labs',
        location: 'Boston, MA',
        employmentType: 'Full-time',
        postedAt: ago(21 * DAY),
      },
    });
  });

  it('finds the company without its class, and never puts it in the location', () => {
    // Other real top cards have no company-name class and open their line with the company.
    const result = extract('https://www.linkedin.com/jobs/view/4105050505/', 'classic-search-easy-apply.html', (doc) => {
      doc.querySelector('.job-details-jobs-unified-top-card__company-name')!.remove();
      doc.querySelector('.job-details-jobs-unified-top-card__tertiary-description-container')!.innerHTML =
        '<span dir="ltr"><a href="https://www.linkedin.com/company/lighthouse-labs-example/life">Lighthouse Labs</a> · Boston, MA · 3 weeks ago</span>';
    });
    expect(result.job).toMatchObject({ company: 'Lighthouse Labs', location: 'Boston, MA' });
  });
});

describe('SDUI job view after applying on the company site', () => {
  const url = 'https://www.linkedin.com/jobs/view/4106060606/';

  it('reads the top card from its structure, and "Applied on company site" with the time under it', () => {
    expect(extract(url, 'sdui-job-view-applied-offsite.html')).toEqual({
      kind: 'job',
      layout: 'top-card-structure',
      applied: true,
      appliedAt: ago(DAY),
      signals: [{ type: 'applied_badge', evidence: 'Applied on company site' }],
      job: {
        platform: 'linkedin',
        siteJobId: '4106060606',
        title: 'Junior Data Engineer',
        company: 'Tulip Quant',
        location: 'Rotterdam, South Holland, Netherlands',
        url,
        employmentType: 'Full-time',
        postedAt: ago(2 * DAY),
        description: 'About the job\nJoin Tulip Quant as a Junior Data Engineer in Rotterdam.\nApplied',
      },
    });
  });

  it('exposes the structural top card', () => {
    expect(structuralTopCard(fixture('linkedin/sdui-job-view-applied-offsite.html'))).toEqual({
      company: 'Tulip Quant',
      title: 'Junior Data Engineer',
      line: 'Rotterdam, South Holland, Netherlands · 2 days ago · Over 100 people clicked apply',
    });
  });

  it('takes the job id from the About-the-job componentkey when the URL has none', () => {
    const result = extract('https://www.linkedin.com/jobs/collections/recommended/', 'sdui-job-view-applied-offsite.html');
    expect(result).toMatchObject({ kind: 'job', job: { siteJobId: '4106060606', title: 'Junior Data Engineer' } });
  });

  it('reads the state in another interface language from rule texts', () => {
    const result = extract(url, 'sdui-job-view-applied-offsite.html', (doc) => {
      const [state, time] = [...doc.querySelectorAll('p')].filter((p) => /Applied on company site|1 day ago/.test(p.textContent ?? ''));
      state!.textContent = "Candidature envoyée sur le site de l'entreprise";
      time!.textContent = 'il y a 3 jours';
    });
    expect(result).toMatchObject({ applied: true, appliedAt: ago(3 * DAY) });
  });

  describe('applied traps: none of these is an application', () => {
    const withoutStatus = (doc: Document) => {
      const heading = [...doc.querySelectorAll('h2')].find((h) => h.textContent === 'Application status')!;
      heading.closest('.e5a3b538.d52c9882')!.remove();
    };

    it('"Applied" on a similar job\'s card and inside the description', () => {
      const result = extract(url, 'sdui-job-view-applied-offsite.html', withoutStatus);
      expect(result).toMatchObject({ kind: 'job', applied: false, signals: [] });
      expect(result.job?.title).toBe('Junior Data Engineer');
    });

    it('a filter chip that says "Applied"', () => {
      const result = extract(url, 'sdui-job-view-applied-offsite.html', (doc) => {
        withoutStatus(doc);
        doc.querySelector('[role="toolbar"]')!.innerHTML =
          '<button type="button" aria-pressed="false"><span><p>Applied</p></span></button><div role="tab"><p>Applied</p></div>';
      });
      expect(result.applied).toBe(false);
    });

    it('an application form whose fields say "Applied"', () => {
      const result = extract(url, 'sdui-job-view-applied-offsite.html', (doc) => {
        withoutStatus(doc);
        doc.querySelector('[data-testid="lazy-column"]')!.insertAdjacentHTML(
          'beforeend',
          '<form><fieldset><p>Applied</p><label><span>Applied</span><input type="radio" name="before"></label></fieldset></form>',
        );
      });
      expect(result.applied).toBe(false);
    });

    it('a badge that is hidden', () => {
      const doc = fixture('linkedin/sdui-job-view-applied-offsite.html');
      const state = [...doc.querySelectorAll('p')].find((p) => p.textContent === 'Applied on company site')!;
      state.setAttribute('hidden', '');
      expect(findAppliedBadge(doc, '4106060606', shippedRules, attributeVisibility, now)).toBeNull();
    });
  });
});

describe('guest job pages on country hosts', () => {
  it.each([
    ['https://it.linkedin.com/jobs/view/analista-dati-at-radio-lago-blu-3108080808', 'guest-view-it-json-ld.html', {
      siteJobId: '3108080808', title: 'ANALISTA DATI', company: 'Radio Lago Blu - Emittente Regionale', location: 'Como, Lombardy, Italy',
      employmentType: 'Full-time', postedAt: '2026-11-15T13:47:28.000Z',
    }],
    ['https://it.linkedin.com/jobs/view/c%2B%2B-developer-at-beaconworks-3109090909', 'guest-view-it-json-ld-apostrophe.html', {
      siteJobId: '3109090909', title: 'C++ Developer', company: 'BeaconWorks', location: 'Sant’Elia Fiumerapido, Latium, Italy',
    }],
    ['https://fr.linkedin.com/jobs/view/secr%C3%A9taire-de-direction-%E2%80%94-h-f-at-association-les-tilleuls-3110101010', 'guest-view-fr.html', {
      siteJobId: '3110101010', title: 'Secrétaire de direction — H/F', company: 'Association Les Tilleuls', location: 'Arcueil, Île-de-France, France',
      postedAt: ago(DAY),
    }],
    ['https://fr.linkedin.com/jobs/view/ingenieur-donnees-at-institut-garonne-3111111111', 'guest-view-fr-2.html', {
      siteJobId: '3111111111', title: 'INGENIEUR DONNEES', company: 'Institut-Garonne', location: 'Albi, Occitanie, France',
    }],
  ])('%s', (url, name, job) => {
    expect(siteFor(url).id).toBe('linkedin');
    const result = extract(url, name);
    expect(result).toMatchObject({ kind: 'job', applied: false, signals: [], job: { platform: 'linkedin', ...job, url: `https://www.linkedin.com/jobs/view/${job.siteJobId}/` } });
  });

  it('takes the job id the page states, never the JSON-LD identifier (the company\'s number)', () => {
    // No id in the URL: the lnkd:url meta, then the report link's urn, name the job.
    const result = extract('https://it.linkedin.com/jobs/view/analista-dati-at-radio-lago-blu', 'guest-view-it-json-ld.html');
    expect(result.job?.siteJobId).toBe('3108080808');
    const noMeta = extract('https://fr.linkedin.com/jobs/view/ingenieur-donnees', 'guest-view-fr-2.html', (doc) => {
      doc.querySelector('meta[property="lnkd:url"]')!.remove();
    });
    expect(noMeta.job?.siteJobId).toBe('3111111111');
    expect(extract('https://it.linkedin.com/jobs/view/analista-dati', 'guest-view-it-json-ld.html', (doc) => {
      doc.querySelector('meta[property="lnkd:url"]')!.remove();
      doc.querySelector('[data-semaphore-content-urn]')!.remove();
    }).job).toBeNull();
  });

  it('is not an authwall because of the hidden sign-up modal it carries', () => {
    expect(extract('https://fr.linkedin.com/jobs/view/ingenieur-donnees-at-institut-garonne-3111111111', 'guest-view-fr-2.html').kind).toBe('job');
  });
});

describe('guest search', () => {
  const url = 'https://it.linkedin.com/jobs/python-offerte-di-lavoro';

  it('is a list with no job while the detail pane is empty', () => {
    expect(extract(url, 'guest-search-it.html')).toEqual({ kind: 'job-list', job: null, applied: false, signals: [] });
  });

  it('reads the job the opened detail pane shows', () => {
    const guestView = fixture('linkedin/guest-view-fr.html');
    const result = extract(url, 'guest-search-it.html', (doc) => {
      doc.querySelector('.details-pane__content')!.innerHTML = guestView.querySelector('main')!.innerHTML;
    });
    expect(result).toMatchObject({
      kind: 'job',
      applied: false,
      job: { siteJobId: '3110101010', title: 'Secrétaire de direction — H/F', company: 'Association Les Tilleuls' },
    });
  });
});

describe('walls and other pages', () => {
  it('the authwall served at the search URL gives no job', () => {
    expect(extract('https://www.linkedin.com/jobs/search?keywords=react%20developer&location=Portugal', 'authwall-jserp.html')).toEqual({
      kind: 'authwall', job: null, applied: false, signals: [],
    });
  });
});
