import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { ATS_HOST_PATTERNS } from '../../background/capture/ats-hosts';

const ORIGINS = { origins: [...ATS_HOST_PATTERNS] };

/**
 * Opt-in reading of Greenhouse, Lever, Ashby and Workday application pages.
 * Turning it on asks the browser for those sites (the browser shows its own
 * prompt; the request must come from this click); the background registers
 * the content script once granted and unregisters it when the permission goes,
 * whether from here or from the browser's extension settings.
 */
export function AtsTracking() {
  const [granted, setGranted] = useState<boolean | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    const read = () => void browser.permissions.contains(ORIGINS).then(setGranted);
    read();
    browser.permissions.onAdded.addListener(read);
    browser.permissions.onRemoved.addListener(read);
    return () => {
      browser.permissions.onAdded.removeListener(read);
      browser.permissions.onRemoved.removeListener(read);
    };
  }, []);

  async function change(on: boolean) {
    setError(undefined);
    try {
      // Called straight from the click: permissions.request needs the user's gesture.
      const now = on ? await browser.permissions.request(ORIGINS) : !(await browser.permissions.remove(ORIGINS));
      setGranted(now);
      if (on && !now) setError('Not turned on: the browser did not get your permission for these sites.');
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    }
  }

  return (
    <section className="card" aria-labelledby="ats-tracking-heading">
      <h2 id="ats-tracking-heading">Applications on company career sites</h2>
      <label className="check">
        <input type="checkbox" checked={granted ?? false} disabled={granted === undefined} onChange={(event) => void change(event.target.checked)} />
        Record applications I submit on Greenhouse, Lever, Ashby and Workday
      </label>
      <p className="muted">
        {granted
          ? 'When one of these sites confirms your application, TrackRuit records the job, with Undo. Nothing is sent anywhere.'
          : 'Off: TrackRuit does not read these sites. Turning it on asks your browser for access to them.'}
      </p>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
