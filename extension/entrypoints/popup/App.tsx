import { browser } from 'wxt/browser';
import { useStoredTheme } from '../../dashboard/settings/theme';
import { AccountPanel } from '../../popup/AccountPanel';
import { LatestJobs } from '../../popup/LatestJobs';
import { TodayCounts } from '../../popup/TodayCounts';
import { TrackPage } from '../../popup/track/TrackPage';

function openDashboard() {
  void browser.tabs.create({ url: browser.runtime.getURL('/dashboard.html') });
}

export function App() {
  useStoredTheme();
  return (
    <main className="popup">
      <header className="row spread">
        <h1>TrackRuit</h1>
        <button type="button" className="primary" onClick={openDashboard}>
          Open dashboard
        </button>
      </header>
      <TrackPage />
      <TodayCounts />
      <LatestJobs />
      <AccountPanel />
    </main>
  );
}
