import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
// The web app's styles first, then the kiosk's (larger type and targets).
import '@sign-relay/relay-web/styles.css';
import './kiosk.css';
import './kioskScreens.css';
import { local } from '@sign-relay/relay-web/auth';
import { initI18n } from '@sign-relay/relay-web/i18n';
import { readKioskConfig } from './config.ts';
import { KioskApp } from './KioskApp.tsx';
import { endVisit } from './visit.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const config = readKioskConfig(window.location.search, local);

createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={initI18n()}>
      <BrowserRouter basename="/kiosk">
        <KioskApp config={config} onEndVisit={() => endVisit()} />
      </BrowserRouter>
    </I18nextProvider>
  </StrictMode>,
);
