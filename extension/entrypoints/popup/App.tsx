import { browser } from 'wxt/browser';
import { AccountPanel } from '../../popup/AccountPanel';
import { LatestJobs } from '../../popup/LatestJobs';
import { TrackPage } from '../../popup/track/TrackPage';

function openDashboard() {
  void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
}

export function App() {
  return (
    <main className="popup">
      <header className="row spread">
        <h1>TrackRuit</h1>
        <button type="button" className="primary" onClick={openDashboard}>
          Open dashboard
        </button>
      </header>
      <TrackPage />
      <LatestJobs />
      <AccountPanel />
    </main>
  );
}
