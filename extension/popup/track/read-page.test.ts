import { describe, expect, it, vi } from 'vitest';
import type { PageExtraction } from '../../../shared/sites/types';
import { TRACK_PAGE_SCRIPT, type TrackPageResult } from './page-result';
import { readTargetPage, type ScriptingApi } from './read-page';
import { classifyInjectionError, isRestrictedUrl } from './restricted';
import { findTargetTab, type TabInfo, type TabsApi } from './target-tab';

function tabsApi(tabs: TabInfo[], current?: TabInfo): TabsApi & { query: ReturnType<typeof vi.fn> } {
  return {
    getCurrent: async () => current,
    query: vi.fn(async (query: { active?: boolean; windowId?: number }) =>
      tabs.filter((tab) => (query.active === undefined || tab.active === query.active) && (query.windowId === undefined || tab.windowId === query.windowId)),
    ),
  };
}

const JOB_TAB: TabInfo = { id: 7, windowId: 1, url: 'https://careers.example.com/jobs/42', active: true, lastAccessed: 300 };

const extraction: PageExtraction = {
  kind: 'job',
  job: { platform: 'other', title: 'Platform Engineer', company: 'Example GmbH', url: 'https://careers.example.com/jobs/42' },
  applied: false,
  signals: [{ type: 'structured_data' }],
};

function scripting(result: TrackPageResult | Error | undefined): ScriptingApi & { executeScript: ReturnType<typeof vi.fn> } {
  return {
    executeScript: vi.fn(async () => {
      if (result instanceof Error) throw result;
      return [{ result }];
    }),
  };
}

describe('findTargetTab', () => {
  it('is the active tab of the popup’s window in the toolbar popup', async () => {
    const tabs = tabsApi([{ id: 3, windowId: 1, active: false }, JOB_TAB]);
    expect(await findTargetTab(tabs)).toBe(JOB_TAB);
    expect(tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('is the tab used last before it when the popup page has a tab of its own', async () => {
    const own: TabInfo = { id: 9, windowId: 1, active: true, lastAccessed: 500 };
    const older: TabInfo = { id: 3, windowId: 1, active: false, lastAccessed: 100 };
    const otherWindow: TabInfo = { id: 11, windowId: 2, active: true, lastAccessed: 900 };
    const tabs = tabsApi([older, { ...JOB_TAB, active: false }, own, otherWindow], own);
    expect((await findTargetTab(tabs))?.id).toBe(7);
  });

  it('is nothing when the popup tab is alone in its window', async () => {
    const own: TabInfo = { id: 9, windowId: 1, active: true };
    expect(await findTargetTab(tabsApi([own], own))).toBeUndefined();
  });
});

describe('restricted pages', () => {
  it('recognises browser pages and extension stores', () => {
    for (const url of [
      'chrome://extensions/',
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html',
      'about:blank',
      'edge://settings',
      'view-source:https://example.com/',
      'https://chromewebstore.google.com/detail/xyz',
      'https://chrome.google.com/webstore/category/extensions',
      'https://addons.mozilla.org/en-US/firefox/',
    ]) {
      expect(isRestrictedUrl(url), url).toBe(true);
    }
    for (const url of [undefined, 'https://careers.example.com/jobs/42', 'https://www.google.com/search?q=jobs', 'not a url']) {
      expect(isRestrictedUrl(url), String(url)).toBe(false);
    }
  });

  it('sorts the browser’s injection errors', () => {
    expect(classifyInjectionError('Cannot access a chrome:// URL')).toBe('restricted');
    expect(classifyInjectionError('The extensions gallery cannot be scripted.')).toBe('restricted');
    expect(classifyInjectionError('Cannot access contents of url "chrome-extension://x/popup.html". Extension manifest must request permission to access this host.')).toBe('restricted');
    expect(classifyInjectionError('Cannot access contents of the page. Extension manifest must request permission to access the respective host.')).toBe('no_access');
    expect(classifyInjectionError('No tab with id: 7.')).toBe('gone');
    expect(classifyInjectionError('Frame with ID 0 is showing error page')).toBe('gone');
    expect(classifyInjectionError('Something unexpected')).toBe('error');
  });
});

describe('readTargetPage', () => {
  it('injects the track-page script into the target tab and returns the job it found', async () => {
    const api = scripting({ ok: true, url: JOB_TAB.url ?? '', extraction });
    const read = await readTargetPage(tabsApi([JOB_TAB]), api);
    expect(api.executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: [TRACK_PAGE_SCRIPT] });
    expect(read).toEqual({ state: 'job', url: JOB_TAB.url, extraction });
  });

  it('names what recognised the job: the rule-set version the page script read it with, and the signal', async () => {
    const read = await readTargetPage(tabsApi([JOB_TAB]), scripting({ ok: true, url: JOB_TAB.url ?? '', extraction, rulesVersion: 4 }));
    expect(read).toEqual({ state: 'job', url: JOB_TAB.url, extraction, detection: { rulesVersion: 4, signal: 'structured_data' } });
    const posting = { ...extraction, signals: [], layout: 'top-card-structure' };
    const bare = await readTargetPage(tabsApi([JOB_TAB]), scripting({ ok: true, url: JOB_TAB.url ?? '', extraction: posting, rulesVersion: 4 }));
    expect(bare).toMatchObject({ detection: { rulesVersion: 4, signal: 'job_page', layout: 'top-card-structure' } });
  });

  it('reports a readable page without a job', async () => {
    const read = await readTargetPage(tabsApi([JOB_TAB]), scripting({ ok: true, url: 'https://example.com/', extraction: { ...extraction, kind: 'other', job: null } }));
    expect(read).toEqual({ state: 'no_job', url: 'https://example.com/' });
  });

  it('does not try restricted pages, and explains refusals and failures', async () => {
    const api = scripting(undefined);
    expect(await readTargetPage(tabsApi([{ ...JOB_TAB, url: 'chrome://settings/' }]), api)).toEqual({ state: 'restricted' });
    expect(api.executeScript).not.toHaveBeenCalled();

    const refused = new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
    expect(await readTargetPage(tabsApi([{ ...JOB_TAB, url: undefined }]), scripting(refused))).toEqual({ state: 'no_access' });
    expect(await readTargetPage(tabsApi([JOB_TAB]), scripting(new Error('The extensions gallery cannot be scripted.')))).toEqual({ state: 'restricted' });
    expect(await readTargetPage(tabsApi([JOB_TAB]), scripting({ ok: false, error: 'rules unavailable' }))).toEqual({
      state: 'error',
      message: 'Could not read the page: rules unavailable',
    });
    expect(await readTargetPage(tabsApi([JOB_TAB]), scripting(undefined))).toMatchObject({ state: 'error' });
    expect(await readTargetPage(tabsApi([]), scripting(undefined))).toEqual({ state: 'error', message: 'There is no page to read in this window.' });
  });
});
