import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../ui/theme.css';
import '../../dashboard/dashboard.css';
import { Dashboard } from '../../dashboard/Dashboard';
import { followStoredTheme } from '../../dashboard/settings/theme';
import { ask } from '../../ui/background-client';

// Opening the page wakes a stopped service worker to sync now: otherwise changes from
// other devices would wait for the next one-minute alarm.
void ask({ type: 'sync:now' });

followStoredTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Dashboard />
  </StrictMode>,
);
