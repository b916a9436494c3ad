import { useEffect, useState } from 'react';
import { parseRoute, type ConsoleRoute } from './route';

/** The route in the hash, followed through links, back and forward. */
export function useRoute(): ConsoleRoute | null {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
