import { matchAnyText } from '../../rules/template';
import { queryAll, textOf } from '../dom';
import type { IsVisible } from '../types';
import type { AtsJobPage } from './job-page';

/** Elements whose text is compared per page; a confirmation page has far fewer. */
const MAX_TEXT_ELEMENTS = 400;
const MAX_TEXT = 300;
/** Where a sentence is part of something to fill in or click, not the site's own state. */
const NOT_A_STATE = 'form, button, label, a, textarea, select, option, [role="button"]';
/** A field still to fill in: the page is (still) the application form. */
const FORM_FIELDS = 'form input:not([type="hidden"]):not([type="submit"]), form textarea, form select';

export interface AtsSubmission {
  /** What showed it, for evidence: the hook or the sentence. Bounded, never HTML. */
  evidence: string;
}

function visibleIn(doc: Document, selectors: readonly string[], isVisible: IsVisible): Element | undefined {
  for (const selector of selectors) {
    const found = queryAll(doc, selector, 20).find(isVisible);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether the page shows the ATS's "application submitted" state: its
 * confirmation view (a CSS hook the site renders only after a successful
 * submit), or, on the pages only a submission leads to and with no form left
 * to fill in, its confirmation sentence. The form itself, its "Submit
 * application" button and the site's failure views never count.
 */
export function findAtsSubmission(doc: Document, page: AtsJobPage, isVisible: IsVisible): AtsSubmission | null {
  const { ats } = page;
  if (visibleIn(doc, ats.failure, isVisible)) return null;
  const hook = ats.success.find((selector) => queryAll(doc, selector, 20).some((e) => isVisible(e) && textOf(e, 40) !== ''));
  if (hook) return { evidence: hook.slice(0, 120) };

  if (!page.rest.some((segment) => ats.confirmationSegments.includes(segment))) return null;
  if (queryAll(doc, FORM_FIELDS, 50).some(isVisible)) return null;
  for (const selector of ats.textElements) {
    for (const element of queryAll(doc, selector, MAX_TEXT_ELEMENTS)) {
      const text = textOf(element, MAX_TEXT + 1);
      if (!text || text.length > MAX_TEXT || element.closest(NOT_A_STATE)) continue;
      if (matchAnyText(ats.texts, text) && isVisible(element)) return { evidence: text.slice(0, 120) };
    }
  }
  return null;
}
