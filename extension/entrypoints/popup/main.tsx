import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../ui/theme.css';
import '../../popup/popup.css';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
