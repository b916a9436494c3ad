// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { capturedJobSchema } from '../jobs/capture';
import { shippedRules } from '../rules/shipped';
import { loadFixture as fixture } from '../../tests/fixtures/load';
import {
  extractLinkedIn,
  extractLinkedInJob,
  findAppliedBadge,
  findEasyApplyButton,
  findEasyApplyConfirmation,
  findOffsiteApplyPrompt,
  isLinkedInJobsPage,
  linkedInJobIdFromUrl,
  linkedInObserveRoots,
  linkedInPageKind,
} from './linkedin';
import { attributeVisibility } from './visibility';

const now = new Date('2026-11-20T12:00:00.000Z');
const options = { rules: shippedRules, isVisible: attributeVisibility, now };
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const DAY = 86_400_000;

function extract(url: string, name: string) {
  return extractLinkedIn(new URL(url), fixture(`linkedin/${name}`), options);
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
    ['https://linkedin.com/jobs/view/4012345678', '4012345678'],
    // currentJobId wins over the path: the search page keeps the old job in it.
    ['https://www.linkedin.com/jobs/view/4012345678/?currentJobId=4098765432', '4098765432'],
  ])('%s → %s', (url, id) => {
    expect(linkedInJobIdFromUrl(new URL(url))).toBe(id);
  });

  it.each([
    'https://www.linkedin.com/feed/',
    'https://www.linkedin.com/jobs/',
    'https://www.linkedin.com/jobs/search/?currentJobId=abc',
    'https://www.linkedin.com/jobs/view/1234/',
    'https://evil.example/jobs/view/4012345678/',
    'https://www.linkedin.com.evil.example/jobs/view/4012345678/',
    'http://www.linkedin.com/jobs/view/4012345678/',
  ])('no job id in %s', (url) => {
    expect(linkedInJobIdFromUrl(new URL(url))).toBeUndefined();
  });

  it('tells job pages from the rest of LinkedIn', () => {
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com/jobs/view/1234567/'))).toBe(true);
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com/jobs-tracker/?stage=applied'))).toBe(true);
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com/feed/'))).toBe(false);
    expect(isLinkedInJobsPage(new URL('https://www.linkedin.com.evil.example/jobs/'))).toBe(false);
  });
});

describe('linkedInPageKind', () => {
  it.each([
    ['https://www.linkedin.com/jobs/view/4012345678/', 'job'],
    ['https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432', 'job'],
    ['https://www.linkedin.com/jobs/collections/recommended/?currentJobId=3999999999', 'job'],
    ['https://www.linkedin.com/jobs/search/?keywords=react', 'job-list'],
    ['https://www.linkedin.com/jobs/collections/recommended/', 'job-list'],
    ['https://www.linkedin.com/jobs-tracker/?stage=applied', 'applications'],
    ['https://www.linkedin.com/my-items/saved-jobs/?cardType=APPLIED', 'applications'],
    ['https://www.linkedin.com/authwall?trk=gf&sessionRedirect=x', 'authwall'],
    ['https://www.linkedin.com/feed/', 'other'],
    ['https://www.linkedin.com/in/ada/', 'other'],
    ['https://example.com/jobs/view/4012345678/', 'other'],
  ])('%s is %s', (url, kind) => {
    expect(linkedInPageKind(new URL(url), null)).toBe(kind);
  });

  it('recognises the authwall by its markup on any path', () => {
    expect(linkedInPageKind(new URL('https://www.linkedin.com/jobs/view/4012345678/'), fixture('linkedin/authwall.html'))).toBe('authwall');
  });
});

describe('older layout (English)', () => {
  it('extracts every field of the job, with no application before submitting', () => {
    const result = extract('https://www.linkedin.com/jobs/view/4012345678/', 'job-view-easy-apply.html');
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: false,
      signals: [],
      job: {
        platform: 'linkedin',
        siteJobId: '4012345678',
        title: 'Senior Frontend Engineer',
        company: 'Acme Robotics',
        location: 'Berlin, Germany',
        url: 'https://www.linkedin.com/jobs/view/4012345678/',
        employmentType: 'Full-time',
        postedAt: ago(2 * DAY),
        description:
          'About the job\nAcme Robotics builds warehouse robots. You will lead our operator dashboard in React and TypeScript.\n' +
          '• 5+ years building web applications\n• Experience with TypeScript and testing',
      },
    });
    expect(capturedJobSchema.safeParse(result.job).success).toBe(true);
  });

  it('takes the job id from the apply button when the URL has none', () => {
    const result = extract('https://www.linkedin.com/jobs/', 'job-view-easy-apply.html');
    expect(result.kind).toBe('job');
    expect(result.job?.siteJobId).toBe('4012345678');
  });

  it('does not take the apply dialog itself for a confirmation', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    doc.getElementById('artdeco-modal-outlet')!.innerHTML =
      '<div role="dialog" class="artdeco-modal"><h2>Apply to Acme Robotics</h2><button>Submit application</button></div>';
    expect(findEasyApplyConfirmation(doc, shippedRules, attributeVisibility)).toBeNull();
  });

  it('records the confirmation once it is shown, and not while it is hidden', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    const outlet = doc.getElementById('artdeco-modal-outlet')!;
    outlet.innerHTML =
      '<div role="dialog" aria-labelledby="post-apply-modal" class="artdeco-modal"><h2 id="post-apply-modal">Application sent</h2>' +
      '<p>Your application was sent to Acme Robotics!</p></div>';
    const url = new URL('https://www.linkedin.com/jobs/view/4012345678/');
    expect(extractLinkedIn(url, doc, options)).toMatchObject({
      applied: true,
      signals: [{ type: 'easy_apply_confirmation', evidence: 'Your application was sent to Acme Robotics!' }],
    });
    outlet.firstElementChild!.setAttribute('aria-hidden', 'true');
    expect(extractLinkedIn(url, doc, options)).toMatchObject({ applied: false, signals: [] });
  });

  it('finds the Easy Apply button and the roots to observe', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    expect(findEasyApplyButton(doc)?.id).toBe('jobs-apply-button-id');
    expect(linkedInObserveRoots(doc).map((e) => e.id || e.className)).toEqual([
      'artdeco-modal-outlet',
      'jobs-search__job-details--container',
    ]);
  });

  it('bounds what a hostile page can put in a title', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    doc.querySelector('.job-details-jobs-unified-top-card__job-title')!.textContent = 'x'.repeat(10_000);
    const job = extractLinkedInJob(new URL('https://www.linkedin.com/jobs/view/4012345678/'), doc);
    expect(job?.title).toHaveLength(300);
    expect(capturedJobSchema.safeParse(job).success).toBe(true);
  });
});

describe('older layout (French) with the confirmation', () => {
  it('extracts the job and the confirmation in French', () => {
    const result = extract('https://www.linkedin.com/jobs/view/4011111111/', 'job-view-fr.html');
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: true,
      signals: [{ type: 'easy_apply_confirmation', evidence: 'Votre candidature a été envoyée à Acme Robotique !' }],
      job: {
        platform: 'linkedin',
        siteJobId: '4011111111',
        title: 'Ingénieure logiciel embarqué',
        company: 'Acme Robotique',
        location: 'Lyon, Auvergne-Rhône-Alpes, France',
        url: 'https://www.linkedin.com/jobs/view/4011111111/',
        employmentType: 'Temps plein',
        postedAt: ago(3 * DAY),
        description: 'À propos de l’offre d’emploi\nVous développerez le micrologiciel de nos bras robotisés en C et Rust.',
      },
    });
    expect(findEasyApplyButton(fixture('linkedin/job-view-fr.html'))?.id).toBe('jobs-apply-button-id');
  });
});

describe('Easy Apply confirmation in five languages (SDUI)', () => {
  it.each([
    ['en', '4012345601', 'Frontend Engineer', 'Acme Robotics', 'Easy Apply'],
    ['fr', '4012345602', 'Développeuse front-end', 'Acme Robotique', 'Candidature simplifiée'],
    ['es', '4012345603', 'Desarrolladora frontend', 'Acme Robótica', 'Solicitud sencilla'],
    ['de', '4012345604', 'Frontend-Entwicklerin', 'Acme Robotik GmbH', 'Einfach bewerben'],
    ['pt', '4012345605', 'Desenvolvedora front-end', 'Acme Robótica Ltda', 'Candidatura simplificada'],
  ])('%s: applied to %s (%s at %s)', (lang, id, title, company, easyApply) => {
    const doc = fixture(`linkedin/easy-apply-confirmation-${lang}.html`);
    expect(findEasyApplyConfirmation(doc, shippedRules, attributeVisibility)?.company).toBe(company);
    const result = extractLinkedIn(new URL(`https://www.linkedin.com/jobs/view/${id}/`), doc, options);
    expect(result).toMatchObject({
      kind: 'job',
      applied: true,
      job: { siteJobId: id, title, url: `https://www.linkedin.com/jobs/view/${id}/` },
    });
    expect(result.signals.map((s) => s.type)).toEqual(['easy_apply_confirmation']);
    expect(findEasyApplyButton(doc)?.textContent).toBe(easyApply);
  });

  it('reads a header-only confirmation', () => {
    const doc = fixture('linkedin/job-view-easy-apply.html');
    doc.getElementById('artdeco-modal-outlet')!.innerHTML =
      '<div role="dialog" aria-labelledby="post-apply-modal"><h2 id="post-apply-modal">Bewerbung gesendet</h2></div>';
    expect(findEasyApplyConfirmation(doc)).toEqual({ evidence: 'Bewerbung gesendet' });
  });
});

describe('2025-26 SDUI search results', () => {
  it('extracts the selected job and the confirmation (existing fixture)', () => {
    const result = extract('https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432', 'search-results-sdui-applied.html');
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: true,
      signals: [{ type: 'easy_apply_confirmation', evidence: 'Your application was sent to Globex Corporation' }],
      job: {
        platform: 'linkedin',
        siteJobId: '4098765432',
        title: 'Data Analyst, Supply Chain',
        company: 'Globex Corporation',
        location: 'São Paulo, Brazil',
        postedAt: ago(7 * DAY),
        url: 'https://www.linkedin.com/jobs/view/4098765432/',
        description: 'About the job\nAnalyse supply chain data with SQL and Python.',
      },
    });
  });

  it('extracts the job of the navigable page without an application', () => {
    const result = extract('https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432', 'search-results-sdui.html');
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: false,
      signals: [],
      job: {
        platform: 'linkedin',
        siteJobId: '4098765432',
        title: 'Data Analyst, Supply Chain',
        company: 'Globex Corporation',
        location: 'São Paulo, Brazil',
        employmentType: 'Full-time',
        postedAt: ago(7 * DAY),
        url: 'https://www.linkedin.com/jobs/view/4098765432/',
        description: 'About the job\nAnalyse supply chain data with SQL and Python.',
      },
    });
  });

  it('sees the plain "Applied" state of the selected card, and only of that card', () => {
    const doc = fixture('linkedin/search-results-sdui.html');
    doc.getElementById('job-card-4087654321')!.insertAdjacentHTML('beforeend', '<p>Applied</p>');
    expect(findAppliedBadge(doc, '4098765432', shippedRules, attributeVisibility, now)).toBeNull();
    doc.getElementById('job-card-4098765432')!.insertAdjacentHTML('beforeend', '<p>Solicitado</p>');
    expect(findAppliedBadge(doc, '4098765432', shippedRules, attributeVisibility, now)).toEqual({ evidence: 'Solicitado' });
    const result = extractLinkedIn(new URL('https://www.linkedin.com/jobs/search-results/?currentJobId=4098765432'), doc, options);
    // Shown as applied: the signal (a badge, not a confirmation) tells the runner not to record it unasked.
    expect(result).toMatchObject({ applied: true, signals: [{ type: 'applied_badge', evidence: 'Solicitado' }] });
    expect(result.appliedAt).toBeUndefined();
  });

  it('observes the body when SDUI has no modal outlet', () => {
    const doc = fixture('linkedin/search-results-sdui.html');
    expect(linkedInObserveRoots(doc)).toEqual([doc.body]);
  });
});

describe('applied badge', () => {
  it('reads "Applied 3 minutes ago" as an application 3 minutes ago', () => {
    const result = extract('https://www.linkedin.com/jobs/view/4023456789/', 'job-view-applied-badge.html');
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: true,
      appliedAt: ago(3 * 60_000),
      signals: [{ type: 'applied_badge', evidence: 'Applied 3 minutes ago' }],
      job: {
        platform: 'linkedin',
        siteJobId: '4023456789',
        title: 'Backend Engineer',
        company: 'Umbrella Health',
        location: 'Toronto, Ontario, Canada',
        employmentType: 'Part-time',
        postedAt: ago(5 * 3_600_000),
        url: 'https://www.linkedin.com/jobs/view/4023456789/',
        description: 'Build our claims API in Go.',
      },
    });
  });

  it.each([
    ['Postulé il y a 3 minutes', 3 * 60_000],
    ['Solicitado hace 2 horas', 2 * 3_600_000],
    ['Vor 5 Minuten beworben', 5 * 60_000],
    ['Candidatou-se há 1 minuto', 60_000],
  ])('reads "%s"', (text, ms) => {
    const doc = fixture('linkedin/job-view-applied-badge.html');
    doc.querySelector('.artdeco-inline-feedback__message')!.textContent = text;
    expect(findAppliedBadge(doc, '4023456789', shippedRules, attributeVisibility, now)).toEqual({ evidence: text, appliedAt: ago(ms) });
  });

  it('reports an old badge as applied then, as a badge rather than a confirmation', () => {
    const doc = fixture('linkedin/job-view-applied-badge.html');
    doc.querySelector('.artdeco-inline-feedback__message')!.textContent = 'Applied 2 months ago';
    const result = extractLinkedIn(new URL('https://www.linkedin.com/jobs/view/4023456789/'), doc, options);
    expect(result.applied).toBe(true);
    expect(result.appliedAt).toBe(ago(60 * DAY));
    expect(result.signals).toEqual([{ type: 'applied_badge', evidence: 'Applied 2 months ago' }]);
  });

  it('does not read a job title that starts with "Applied" as a badge', () => {
    const doc = fixture('linkedin/job-view-applied-badge.html');
    doc.querySelector('.artdeco-inline-feedback__message')!.textContent = 'Applied Scientist';
    expect(findAppliedBadge(doc, '4023456789', shippedRules, attributeVisibility, now)).toBeNull();
  });
});

describe('off-site apply prompt', () => {
  it('finds the question and its Yes / No buttons', () => {
    const doc = fixture('linkedin/offsite-apply-prompt.html');
    const prompt = findOffsiteApplyPrompt(doc, shippedRules, attributeVisibility);
    expect(prompt?.yes.id).toBe('offsite-apply-yes');
    expect(prompt?.no?.id).toBe('offsite-apply-no');
    expect(prompt?.container.id).toBe('offsite-apply-prompt');
  });

  it('reports the prompt as a signal, not as an application', () => {
    const result = extract('https://www.linkedin.com/jobs/view/4034567890/', 'offsite-apply-prompt.html');
    expect(result).toMatchObject({
      kind: 'job',
      applied: false,
      job: { siteJobId: '4034567890', title: 'Product Designer', company: 'Hooli', location: 'Mountain View, CA', postedAt: ago(14 * DAY) },
    });
    expect(result.signals).toEqual([{ type: 'offsite_apply_prompt', evidence: expect.stringMatching(/^Did you finish applying\?/) }]);
  });

  it.each([
    ['Avez-vous terminé votre candidature ?', 'Oui', 'Non'],
    ['¿Terminaste de solicitar el empleo?', 'Sí', 'No'],
    ['Haben Sie die Bewerbung abgeschlossen?', 'Ja', 'Nein'],
    ['Você concluiu a candidatura?', 'Sim', 'Não'],
  ])('reads "%s"', (question, yes, no) => {
    const doc = fixture('linkedin/offsite-apply-prompt.html');
    doc.querySelector('#offsite-apply-prompt h3')!.textContent = question;
    doc.querySelector('#offsite-apply-yes span')!.textContent = yes;
    doc.querySelector('#offsite-apply-no span')!.textContent = no;
    const prompt = findOffsiteApplyPrompt(doc, shippedRules, attributeVisibility);
    expect([prompt?.yes.id, prompt?.no?.id]).toEqual(['offsite-apply-yes', 'offsite-apply-no']);
  });

  it('ignores a hidden prompt', () => {
    const doc = fixture('linkedin/offsite-apply-prompt.html');
    doc.getElementById('offsite-apply-prompt')!.setAttribute('hidden', '');
    expect(findOffsiteApplyPrompt(doc, shippedRules, attributeVisibility)).toBeNull();
  });
});

describe('guest page with JSON-LD', () => {
  it('reads the markup and fills the salary and the absolute date from JSON-LD', () => {
    const result = extract(
      'https://www.linkedin.com/jobs/view/machine-learning-engineer-at-stark-industries-4045678901',
      'guest-job-view.html',
    );
    expect(result).toEqual({
      kind: 'job',
      layout: 'top-card-selectors',
      applied: false,
      signals: [],
      job: {
        platform: 'linkedin',
        siteJobId: '4045678901',
        title: 'Machine Learning Engineer',
        company: 'Stark Industries',
        location: 'New York, NY',
        url: 'https://www.linkedin.com/jobs/view/4045678901/',
        description: 'Train models for robotics.\n• PyTorch\n• Python',
        employmentType: 'Full-time',
        postedAt: '2026-11-10T08:00:00.000Z',
        salary: 'USD 150,000–190,000 per year',
      },
    });
  });
});

describe('negatives', () => {
  it('finds nothing on the authwall, even with an "Application sent?" dialog', () => {
    expect(extract('https://www.linkedin.com/authwall', 'authwall.html')).toEqual({ kind: 'authwall', job: null, applied: false, signals: [] });
    expect(extract('https://www.linkedin.com/jobs/view/4012345678/', 'authwall.html')).toEqual({
      kind: 'authwall',
      job: null,
      applied: false,
      signals: [],
    });
  });

  it('records nothing from a feed post quoting the texts', () => {
    expect(extract('https://www.linkedin.com/feed/', 'feed-post-applied.html')).toEqual({ kind: 'other', job: null, applied: false, signals: [] });
  });
});
