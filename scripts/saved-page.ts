import { readFileSync, statSync } from 'node:fs';
import { Window } from 'happy-dom';
import { shippedRules } from '../shared/rules/shipped';
import type { RuleSet } from '../shared/rules/schema';
import { attributeVisibility, extractPage, type PageExtraction } from '../shared/sites/index';

/**
 * A saved page read and extracted the way `npm run extract` and
 * `npm run check:pages` both do it: parsed by happy-dom with scripts, styles
 * and frames never loaded (saved pages are untrusted), visibility from markup.
 */

export const MAX_PAGE_BYTES = 20 * 1024 * 1024;

export class PageReadError extends Error {}

export function readSavedPage(file: string): string {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new PageReadError(`not a file: ${file}`);
    size = stat.size;
  } catch (error) {
    if (error instanceof PageReadError) throw error;
    throw new PageReadError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > MAX_PAGE_BYTES) throw new PageReadError(`${file} is ${size} bytes; the limit is ${MAX_PAGE_BYTES} (20 MB)`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PageReadError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function extractSavedPage(
  url: URL,
  html: string,
  options: { rules?: RuleSet; now?: Date } = {},
): Promise<PageExtraction> {
  const window = new Window({
    url: url.href,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  try {
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    return extractPage(url, doc, {
      rules: options.rules ?? shippedRules,
      isVisible: attributeVisibility,
      now: options.now ?? new Date(),
    });
  } finally {
    await window.happyDOM.close();
  }
}
