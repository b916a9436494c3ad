import { useState } from 'react';
import { browser } from 'wxt/browser';
import { readTargetPage, type ScriptingApi } from './read-page';
import type { TabsApi } from './target-tab';
import { formFromJob, type TrackForm as TrackFormValues } from './track-form';
import { TrackForm, type TrackedJob } from './TrackForm';

type View =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'form'; found: 'job' | 'metadata' | 'nothing'; initial: TrackFormValues }
  | { step: 'restricted' }
  | { step: 'no_access' }
  | { step: 'error'; message: string }
  | { step: 'saved'; job: TrackedJob };

const FOUND_TEXT = {
  job: 'Check the details before saving.',
  metadata: 'No job posting found on this page; the fields come from the page’s title. Correct them before saving.',
  nothing: 'No job found on this page. You can enter the details yourself.',
  by_hand: 'Enter the job’s details.',
};

/**
 * "Track this page": reads the job on the current tab (any site, with only
 * the `activeTab` grant of the toolbar click), lets the user correct it, and
 * saves it as a manually tracked job.
 */
export function TrackPage() {
  const [view, setView] = useState<View>({ step: 'idle' });

  async function read() {
    setView({ step: 'reading' });
    const page = await readTargetPage(browser.tabs as unknown as TabsApi, browser.scripting as unknown as ScriptingApi);
    switch (page.state) {
      case 'job':
        setView({
          step: 'form',
          found: page.extraction.kind === 'job' ? 'job' : 'metadata',
          initial: formFromJob(page.extraction.job, page.url, page.detection),
        });
        return;
      case 'no_job':
        setView({ step: 'form', found: 'nothing', initial: formFromJob(null, page.url) });
        return;
      case 'restricted':
      case 'no_access':
        setView({ step: page.state });
        return;
      case 'error':
        setView({ step: 'error', message: page.message });
    }
  }

  const trackButton = (label: string) => (
    <button type="button" className="primary" onClick={() => void read()}>
      {label}
    </button>
  );
  const byHand = (
    <button type="button" onClick={() => setView({ step: 'form', found: 'nothing', initial: formFromJob(null, '') })}>
      Enter a job by hand
    </button>
  );

  return (
    <section className="card" aria-labelledby="track-heading">
      <h2 id="track-heading">This page</h2>
      {view.step === 'idle' && (
        <>
          <p className="muted">Save the job on the current tab, on any site.</p>
          <div className="row">{trackButton('Track this page')}</div>
        </>
      )}
      {view.step === 'reading' && <p className="muted" role="status">Reading the page…</p>}
      {view.step === 'form' && (
        <>
          <p className="muted" role="status">
            {FOUND_TEXT[view.found === 'nothing' && !view.initial.url ? 'by_hand' : view.found]}
          </p>
          <TrackForm
            initial={view.initial}
            onSaved={(job) => setView({ step: 'saved', job })}
            onCancel={() => setView({ step: 'idle' })}
          />
        </>
      )}
      {view.step === 'restricted' && (
        <p className="error-text" role="alert">
          TrackRuit can’t read this page: browser pages and extension stores are off limits to extensions.
        </p>
      )}
      {(view.step === 'restricted' || view.step === 'no_access') && <div className="row">{byHand}</div>}
      {view.step === 'no_access' && (
        <p className="error-text" role="alert">
          TrackRuit can read a page only after you click its toolbar icon on that page. Open the job, click the icon, then
          “Track this page”.
        </p>
      )}
      {view.step === 'error' && (
        <>
          <p className="error-text" role="alert">
            {view.message}
          </p>
          <div className="row">
            {trackButton('Try again')}
            {byHand}
          </div>
        </>
      )}
      {view.step === 'saved' && (
        <>
          <p role="status">
            {view.job.created ? 'Saved' : 'Updated'}: <strong>{view.job.title}</strong>
          </p>
          {view.job.possibleDuplicate && (
            <p className="muted">It may be a repost of a job you already track; the dashboard lets you merge them.</p>
          )}
        </>
      )}
    </section>
  );
}
