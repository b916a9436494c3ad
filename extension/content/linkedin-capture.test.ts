// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shippedRules } from '../../shared/rules/shipped';
import type { RunnerDeps } from './capture-runner';
import { startLinkedInCapture } from './linkedin-capture';
import { HOST_TAG } from './page-ui';
import type { ContentMessage } from './recorder';
import { acmeCapture } from '../../tests/fixtures/jobs';

const jobView = readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/linkedin/job-view-easy-apply.html'), 'utf8');
const confirmation = `<div role="dialog" aria-labelledby="post-apply-modal" class="artdeco-modal">
  <h2 id="post-apply-modal">Application sent</h2><p>Your application was sent to Acme Robotics!</p></div>`;
const TOKEN = '7b0f8a8e-4a6f-4f8e-9d7c-1b2a3c4d5e6f';

function setUrl(path: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(`https://www.linkedin.com${path}`);
}

function loadPage(path: string, html = jobView) {
  setUrl(path);
  document.body.innerHTML = new DOMParser().parseFromString(html, 'text/html').body.innerHTML.replace(/<script[\s\S]*?<\/script>/g, '');
}

/** The older layout's detail pane for one job, as the search page swaps it in. */
function detailPane(id: string, title: string, company: string, extra = '') {
  return `<div class="jobs-search__job-details--container">
    <div class="job-details-jobs-unified-top-card__company-name"><a href="/company/x/">${company}</a></div>
    <h1 class="job-details-jobs-unified-top-card__job-title">${title}</h1>
    <div class="job-details-jobs-unified-top-card__primary-description-container"><span class="tvm__text">Paris, France</span></div>
    <button class="jobs-apply-button" data-job-id="${id}">Easy Apply</button>${extra}
  </div>`;
}

function searchPage(pane: string) {
  return `<main><ul><li data-occludable-job-id="4000000001">One</li><li data-occludable-job-id="4000000002">Two</li></ul>
    <div id="pane">${pane}</div></main><div id="artdeco-modal-outlet"></div>`;
}

function shadow() {
  return document.querySelector(HOST_TAG)?.shadowRoot ?? null;
}

function button(name: string) {
  return Array.from(shadow()?.querySelectorAll('button') ?? []).find((b) => b.textContent === name && !b.hidden);
}

async function settle() {
  await vi.advanceTimersByTimeAsync(500);
}

describe('startLinkedInCapture', () => {
  let stop: (() => void) | undefined;
  let recorded: Set<string>;
  let send: ReturnType<typeof vi.fn<(message: ContentMessage) => Promise<unknown>>>;

  beforeEach(() => {
    vi.useFakeTimers();
    recorded = new Set();
    send = vi.fn(async (message: ContentMessage) => {
      if (message.type === 'job:captured') {
        recorded.add(message.job.siteJobId!);
        return { ok: true, jobId: `linkedin:${message.job.siteJobId}`, created: true, undoToken: TOKEN };
      }
      if (message.type === 'job:lookup') return { ok: true, recorded: recorded.has(message.siteJobId) };
      return { ok: true, undone: 'deleted' };
    });
  });
  afterEach(() => {
    stop?.();
    vi.useRealTimers();
  });

  function start(overrides: Partial<RunnerDeps> = {}) {
    stop = startLinkedInCapture(window, {
      send,
      loadRules: async () => shippedRules,
      onInvalidated: () => {},
      ...overrides,
    });
  }

  const captures = () => send.mock.calls.map(([m]) => m).filter((m) => m.type === 'job:captured');

  it('records the job once when the Easy Apply confirmation appears, and shows the toast with Undo', async () => {
    loadPage('/jobs/view/4012345678/');
    start();
    await settle();
    expect(captures()).toHaveLength(0);

    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();

    expect(captures()).toEqual([
      {
        type: 'job:captured',
        job: expect.objectContaining({
          ...acmeCapture,
          detection: { rulesVersion: shippedRules.version, signal: 'easy_apply_confirmation', layout: 'top-card-selectors' },
        }),
      },
    ]);
    expect(shadow()?.querySelector('[role="status"]')?.textContent).toContain('Recorded in TrackRuit: Senior Frontend Engineer');

    button('Undo')!.click();
    await settle();
    expect(send).toHaveBeenCalledWith({ type: 'job:undo', jobId: 'linkedin:4012345678', token: TOKEN });
    // The dialog is still on screen: an undone capture is not taken again.
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(captures()).toHaveLength(1);
  });

  it('records the job shown after moving between jobs in-page, not the first one', async () => {
    loadPage('/jobs/search/?currentJobId=4000000001', searchPage(detailPane('4000000001', 'First Job', 'One Corp')));
    // The record names the rule set the page was read with: here one newer than the shipped set.
    start({ loadRules: async () => ({ ...shippedRules, version: 7 }) });
    await settle();

    window.history.pushState({}, '', '/jobs/search/?currentJobId=4000000002');
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.getElementById('pane')!.innerHTML = detailPane('4000000002', 'Second Job', 'Two GmbH');
    await settle();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation.replace('Acme Robotics', 'Two GmbH');
    await settle();

    expect(captures()).toHaveLength(1);
    expect(captures()[0]).toMatchObject({
      job: { siteJobId: '4000000002', title: 'Second Job', company: 'Two GmbH', detection: { rulesVersion: 7, signal: 'easy_apply_confirmation' } },
    });
  });

  it('takes a Yes clicked before the first check, while the site removes the prompt on click', async () => {
    loadPage('/jobs/view/4012345678/');
    document.getElementById('artdeco-modal-outlet')!.innerHTML =
      '<div class="artdeco-modal" role="dialog"><h2>Did you finish applying?</h2><button type="button" id="yes">Yes</button></div>';
    document.getElementById('yes')!.addEventListener('click', () => document.getElementById('artdeco-modal-outlet')!.replaceChildren());
    start();
    document.getElementById('yes')!.click();
    await settle();
    expect(captures()).toHaveLength(1);
    expect(captures()[0]).toMatchObject({ job: { siteJobId: '4012345678' } });
  });

  it('records an employer-site application when the user answers Yes, and nothing on No', async () => {
    const prompt = `<div class="artdeco-modal" role="dialog"><h2>Did you finish applying?</h2>
      <button type="button">Yes</button><button type="button">No</button></div>`;
    loadPage('/jobs/view/4012345678/');
    start();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = prompt;
    await settle();
    Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'No')!.click();
    await settle();
    expect(captures()).toHaveLength(0);

    document.getElementById('artdeco-modal-outlet')!.innerHTML = prompt;
    await settle();
    Array.from(document.querySelectorAll('button')).find((b) => b.textContent === 'Yes')!.click();
    await settle();
    expect(captures()).toHaveLength(1);
    expect(captures()[0]).toMatchObject({
      job: { siteJobId: '4012345678', title: 'Senior Frontend Engineer', detection: { rulesVersion: shippedRules.version, signal: 'offsite_apply_prompt', layout: 'top-card-selectors' } },
    });
  });

  it('offers one-click recording for a job shown as applied, only while it is not recorded', async () => {
    const badge = '<div class="artdeco-inline-feedback artdeco-inline-feedback--success"><span class="artdeco-inline-feedback__message">Applied 3 days ago</span></div>';
    loadPage('/jobs/search/?currentJobId=4000000001', searchPage(detailPane('4000000001', 'First Job', 'One Corp', badge)));
    start();
    await settle();
    expect(send).toHaveBeenCalledWith({ type: 'job:lookup', platform: 'linkedin', siteJobId: '4000000001' });
    expect(captures()).toHaveLength(0);

    button('Record in TrackRuit')!.click();
    await settle();
    expect(captures()).toHaveLength(1);
    expect(captures()[0]).toMatchObject({
      job: { siteJobId: '4000000001', title: 'First Job', detection: { rulesVersion: shippedRules.version, signal: 'applied_badge', layout: 'top-card-selectors' } },
    });
    expect(button('Record in TrackRuit')).toBeUndefined();

    // Moving to a job without the badge takes the offer away.
    window.history.pushState({}, '', '/jobs/search/?currentJobId=4000000002');
    window.dispatchEvent(new PopStateEvent('popstate'));
    document.getElementById('pane')!.innerHTML = detailPane('4000000002', 'Second Job', 'Two GmbH');
    await settle();
    expect(button('Record in TrackRuit')).toBeUndefined();
  });

  it('does nothing off the jobs pages: no rules request, no lookups, no captures', async () => {
    loadPage('/feed/');
    const loadRules = vi.fn(async () => shippedRules);
    start({ loadRules });
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(send).not.toHaveBeenCalled();
    expect(loadRules).not.toHaveBeenCalled();
    expect(document.querySelector(HOST_TAG)).toBeNull();
  });

  it('tries again on the next render when the background could not be reached', async () => {
    loadPage('/jobs/view/4012345678/');
    send.mockRejectedValueOnce(new Error('Receiving end does not exist'));
    start();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(captures()).toHaveLength(2);
    expect(recorded.has('4012345678')).toBe(true);
  });

  it('stops observing and removes its controls when invalidated', async () => {
    loadPage('/jobs/view/4012345678/');
    let invalidate: (() => void) | undefined;
    start({ onInvalidated: (stopIt) => (invalidate = stopIt) });
    invalidate!();
    document.getElementById('artdeco-modal-outlet')!.innerHTML = confirmation;
    await settle();
    expect(captures()).toHaveLength(0);
  });
});
