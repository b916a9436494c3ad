import { useEffect, type RefObject } from 'react';

/**
 * Puts focus on the page's heading when the page is reached by a route
 * change, so keyboard and screen-reader users start at the new page rather
 * than at the top of the document (the link they followed is gone). Focus
 * the user already placed somewhere is left alone. `ready`: the heading is
 * drawn (a page may show a loading state first).
 */
export function useArrivalFocus(heading: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    if (!ready) return;
    const active = document.activeElement;
    if (!active || active === document.body) heading.current?.focus({ preventScroll: true });
  }, [heading, ready]);
}
