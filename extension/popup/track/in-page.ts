import { extractPage } from '../../../shared/sites';
import { createIsVisible } from '../../content/visibility';
import { loadActiveRules } from '../../rules/active-rules';
import type { TrackPageResult } from './page-result';

/**
 * Runs inside the page (injected on the user's click, in the extension's
 * isolated world): reads the job with the same detectors and rules as the
 * content scripts. Failures come back as data, since an exception thrown
 * here would reach the popup as an unhelpful generic error.
 */
export async function extractCurrentPage(win: Window = window): Promise<TrackPageResult> {
  try {
    const rules = await loadActiveRules();
    const url = win.location.href;
    const extraction = extractPage(new URL(url), win.document, { rules, isVisible: createIsVisible(win), now: new Date() });
    // Structured cloning would drop nothing here, but a plain copy makes sure no DOM node slips into the reply.
    return { ok: true, url, extraction: JSON.parse(JSON.stringify(extraction)) as typeof extraction, rulesVersion: rules.version };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
