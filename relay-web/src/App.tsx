import { lazy, Suspense } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { Icon } from './components/Icon.tsx';
import { LangSwitch } from './components/LangSwitch.tsx';
import { ConnectionStatus } from './components/ConnectionStatus.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { InterpreterPage } from './features/interpreter/InterpreterPage.tsx';

// The call screens carry the WebRTC code; loading them on demand keeps the first screen light on phones.
const CallerPage = lazy(() => import('./features/caller/CallerPage.tsx').then((m) => ({ default: m.CallerPage })));
const InterpreterCallPage = lazy(() =>
  import('./features/interpreter/InterpreterCallPage.tsx').then((m) => ({ default: m.InterpreterCallPage })),
);

/** The frame every screen shares (name, language switch) and the routes. */
export function App(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" data-testid="brand">
          <Icon name="hands" className="brand__icon" />
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__service">{t('app.service')}</span>
          </span>
        </Link>
        <LangSwitch />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<ConnectionStatus state="idle" />}>
          <Routes>
            <Route path="/" element={<HomePage />} />
            <Route path="/call/:callId?" element={<CallerPage />} />
            <Route path="/interpreter" element={<InterpreterPage />} />
            <Route path="/interpreter/call/:callId" element={<InterpreterCallPage />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
