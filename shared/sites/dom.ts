import { compilePath, isJobId, type JobIdFormat } from '../rules/template';
import type { JobIdSource } from '../rules/schema';

/**
 * DOM helpers every site module uses. Selectors come from a rule set that may
 * be newer than this code, so a selector the browser rejects is skipped, not
 * thrown, and every query is capped.
 */

/** Elements examined per selector: enough for any real page, bounded for a hostile one. */
export const MAX_ELEMENTS = 2_000;

export function queryAll(root: ParentNode, selector: string, limit = MAX_ELEMENTS): Element[] {
  let found: NodeListOf<Element>;
  try {
    found = root.querySelectorAll(selector);
  } catch {
    return [];
  }
  const out: Element[] = [];
  for (let i = 0; i < found.length && out.length < limit; i++) {
    const element = found[i];
    if (element) out.push(element);
  }
  return out;
}

export function queryFirst(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const element = queryAll(root, selector, 1)[0];
    if (element) return element;
  }
  return null;
}

/**
 * Whitespace collapsed, characters kept: a value read from a page is stored as
 * the page shows it ("Sant’Angelo Romano"). Comparing with rule texts folds
 * typography separately (normaliseText in ../rules/template).
 */
export function spaced(text: string | null | undefined): string {
  return (text ?? '').replace(/[\s\u00a0\u202f\u2007]+/g, ' ').trim();
}

/** Whitespace-collapsed text content, cut to `max`. */
export function textOf(element: Element | null | undefined, max = 300): string {
  return spaced(element?.textContent?.slice(0, max * 4)).slice(0, max);
}

/** Text of an element without what its links and buttons say ("Applied 3 minutes ago See application"). */
export function textWithoutControls(element: Element, max = 300): string {
  let out = '';
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (out.length > max * 4) return;
      if (child.nodeType === 3) out += child.textContent ?? '';
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag !== 'A' && tag !== 'BUTTON' && tag !== 'SCRIPT' && tag !== 'STYLE') walk(child);
        else out += ' ';
      }
    }
  };
  walk(element);
  return spaced(out).slice(0, max);
}

/** The first non-empty text among the selectors. */
export function firstText(root: ParentNode, selectors: readonly string[], max: number): string | undefined {
  for (const selector of selectors) {
    for (const element of queryAll(root, selector, 5)) {
      const text = textOf(element, max);
      if (text) return text;
    }
  }
  return undefined;
}

const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BR', 'TR', 'SECTION', 'ARTICLE']);

/**
 * Readable text of a description element: block elements become line breaks,
 * list items get a bullet, scripts and styles are dropped. No layout needed.
 */
export function blockText(element: Element, max: number): string {
  const parts: string[] = [];
  let size = 0;
  const walk = (node: Node) => {
    for (const child of Array.from(node.childNodes)) {
      if (size > max) return;
      if (child.nodeType === 3) {
        const text = child.textContent ?? '';
        parts.push(text);
        size += text.length;
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        const block = BLOCK_TAGS.has(tag);
        if (block) parts.push('\n');
        if (tag === 'LI') parts.push('• ');
        walk(child);
        if (block) parts.push('\n');
      }
    }
  };
  walk(element);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
    .slice(0, max);
}

export function firstBlockText(root: ParentNode, selectors: readonly string[], max: number): string | undefined {
  for (const selector of selectors) {
    const element = queryAll(root, selector, 1)[0];
    const text = element ? blockText(element, max) : '';
    if (text) return text;
  }
  return undefined;
}

/** The first job id the sources yield, in order (URL parameters, path templates, attributes). */
export function jobIdFrom(
  url: URL,
  doc: ParentNode | null,
  sources: readonly JobIdSource[],
  format: JobIdFormat,
): string | undefined {
  for (const source of sources) {
    let candidate: string | null | undefined;
    if ('param' in source) candidate = url.searchParams.get(source.param);
    else if ('path' in source) candidate = compilePath(source.path, format).match(url.pathname)?.id;
    else if (doc) candidate = idInAttribute(queryAll(doc, source.selector, 1)[0], source, format);
    if (candidate && isJobId(candidate, format)) return candidate;
  }
  return undefined;
}

/** The id an attribute source reads from an element: the whole value, or the `{id}` of its value template. */
function idInAttribute(
  element: Element | undefined,
  source: Extract<JobIdSource, { attribute: string }>,
  format: JobIdFormat,
): string | undefined {
  const raw = element?.getAttribute(source.attribute)?.trim().slice(0, 2_048);
  if (!raw) return undefined;
  return source.value ? compilePath(source.value, format).match(raw)?.id : raw;
}

/** Whether a host is one of `hosts` or below one of them ("in.indeed.com" is below "indeed.com"). */
export function hostMatches(hostname: string, hosts: readonly string[], subdomains: boolean): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return hosts.some((h) => host === h || (subdomains && host.endsWith(`.${h}`)));
}

/** The job id an element itself carries, by the attribute sources whose selector it matches. */
export function ownJobId(element: Element, sources: readonly JobIdSource[], format: JobIdFormat): string | undefined {
  for (const source of sources) {
    if (!('attribute' in source)) continue;
    let matches = false;
    try {
      matches = element.matches(source.selector);
    } catch {
      continue;
    }
    const candidate = matches ? idInAttribute(element, source, format) : undefined;
    if (candidate && isJobId(candidate, format)) return candidate;
  }
  return undefined;
}
