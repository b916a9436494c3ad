import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../ui/theme.css';
import '../../dashboard/dashboard.css';
import { Dashboard } from '../../dashboard/Dashboard';
import { followStoredTheme } from '../../dashboard/settings/theme';

followStoredTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Dashboard />
  </StrictMode>,
);
