import type { IsVisible } from '../../shared/sites/types';

/**
 * Visible as the user sees it: laid out, not `visibility: hidden`, not fully
 * transparent, with no hidden or transparent ancestor. `checkVisibility`
 * (Chrome 121+, Firefox 125+) answers all of that in one call; older browsers
 * fall back to walking the computed styles up the tree.
 */
export function createIsVisible(win: Window): IsVisible {
  return (element) => {
    const check = (element as Element & { checkVisibility?: (options?: object) => boolean }).checkVisibility;
    if (typeof check === 'function') {
      return check.call(element, { checkOpacity: true, checkVisibilityCSS: true });
    }
    return visibleByStyles(win, element);
  };
}

function visibleByStyles(win: Window, element: Element): boolean {
  for (let node: Element | null = element; node; node = node.parentElement) {
    const style = win.getComputedStyle(node);
    if (style.display === 'none' || style.opacity === '0') return false;
    if (node === element && (style.visibility === 'hidden' || style.visibility === 'collapse')) return false;
  }
  return true;
}
