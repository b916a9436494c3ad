import { useCallback, useEffect, useState } from 'react';
import { parseRoute, routeHash, type Route } from './route';

/** The current page, following the hash (back/forward, links, notifications opening a job). */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    location.hash = routeHash(next);
  }, []);
  return [route, navigate];
}
