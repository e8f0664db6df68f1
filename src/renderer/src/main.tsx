import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { App } from './App';
import { catchStrays } from './lib/boot';
import { applyTheme, useUi } from './stores/ui';

applyTheme(useUi.getState().theme);
catchStrays();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
