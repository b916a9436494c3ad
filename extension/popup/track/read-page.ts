import type { Detection } from '../../../shared/schema/job';
import { detectionOf } from '../../../shared/sites/detection';
import type { PageExtraction } from '../../../shared/sites/types';
import { TRACK_PAGE_SCRIPT, type TrackPageResult } from './page-result';
import { classifyInjectionError, isRestrictedUrl } from './restricted';
import { findTargetTab, type TabsApi } from './target-tab';

export interface ScriptingApi {
  executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<{ result?: unknown }[]>;
}

export type PageRead =
  | { state: 'job'; url: string; extraction: PageExtraction & { job: NonNullable<PageExtraction['job']> }; detection?: Detection }
  | { state: 'no_job'; url: string }
  | { state: 'restricted' }
  | { state: 'no_access' }
  | { state: 'error'; message: string };

function isResult(value: unknown): value is TrackPageResult {
  if (typeof value !== 'object' || value === null) return false;
  const result = value as Record<string, unknown>;
  return result.ok === true ? typeof result.url === 'string' && typeof result.extraction === 'object' : typeof result.error === 'string';
}

/**
 * Runs the extractor in the target tab. It needs no host permission: the
 * click on the toolbar icon grants `activeTab` for that tab, and
 * `scripting.executeScript` uses the grant. Without one (or on the browser's
 * own pages) the browser refuses, and the popup says why.
 */
export async function readTargetPage(tabs: TabsApi, scripting: ScriptingApi): Promise<PageRead> {
  const tab = await findTargetTab(tabs);
  if (tab?.id === undefined) return { state: 'error', message: 'There is no page to read in this window.' };
  if (isRestrictedUrl(tab.url)) return { state: 'restricted' };

  let results: { result?: unknown }[];
  try {
    results = await scripting.executeScript({ target: { tabId: tab.id }, files: [TRACK_PAGE_SCRIPT] });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = classifyInjectionError(message);
    if (failure === 'restricted' || failure === 'no_access') return { state: failure };
    if (failure === 'gone') return { state: 'error', message: 'The page closed or is still loading. Try again.' };
    return { state: 'error', message: `Could not read the page: ${message}` };
  }
  const result = results[0]?.result;
  if (!isResult(result)) return { state: 'error', message: 'Could not read the page. Reload it and try again.' };
  if (!result.ok) return { state: 'error', message: `Could not read the page: ${result.error}` };
  const { extraction } = result;
  if (extraction.job && typeof extraction.job.title === 'string') {
    // The page script's answer is checked again before saving (capturedJobSchema), like every field of it.
    const detection = typeof result.rulesVersion === 'number' ? detectionOf(extraction, result.rulesVersion) : undefined;
    return { state: 'job', url: result.url, extraction: { ...extraction, job: extraction.job }, ...(detection ? { detection } : {}) };
  }
  return { state: 'no_job', url: result.url };
}
