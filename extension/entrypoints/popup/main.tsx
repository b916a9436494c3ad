import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../ui/theme.css';
import '../../popup/popup.css';
import { App } from './App';
import { ask } from '../../ui/background-client';

// Opening the page wakes a stopped service worker to sync now: otherwise changes from
// other devices would wait for the next one-minute alarm.
void ask({ type: 'sync:now' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
