import { useEffect, useState } from 'react';

/** Seconds left until `until` (ms since epoch), ticking every second; 0 once passed. */
export function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

/** The server refuses to mail another code sooner than this. */
export const RESEND_COOLDOWN_MS = 60_000;
