import type { IsVisible } from './types';

/** Ancestors examined before giving up; pages are rarely deeper, and hostile ones must not cost more. */
const MAX_DEPTH = 100;

/** Classes under which Bootstrap (used by Internshala) shows a modal; without them `.modal` is hidden. */
const SHOWN_MODAL_CLASSES = ['show', 'in'];

function hiddenHere(element: Element): boolean {
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  if (/(^|;)display:none(;|!|$)/.test(style) || /(^|;)visibility:hidden(;|!|$)/.test(style)) return true;
  if (element.classList.contains('modal') && !SHOWN_MODAL_CLASSES.some((c) => element.classList.contains(c))) return true;
  return false;
}

/**
 * Visibility from markup alone, for tests and `npm run extract` where nothing
 * is laid out: the `hidden` attribute, `aria-hidden="true"`, inline
 * `display:none` / `visibility:hidden`, and a Bootstrap `.modal` that is not
 * `.show` / `.in`, on the element or any ancestor. Content scripts use the
 * browser's own `checkVisibility()` instead, which also sees stylesheets.
 */
export const attributeVisibility: IsVisible = (element) => {
  let current: Element | null = element;
  for (let depth = 0; current && depth < MAX_DEPTH; depth++) {
    if (hiddenHere(current)) return false;
    current = current.parentElement;
  }
  return true;
};
