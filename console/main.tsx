import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../extension/ui/theme.css';
import '../extension/dashboard/dashboard.css';
import './console.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
