import { lazy, Suspense } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { Brand } from './components/Brand.tsx';
import { LangSwitch } from './components/LangSwitch.tsx';
import { ConnectionStatus } from './components/ConnectionStatus.tsx';
import { CallerPage } from './features/caller/CallerPage.tsx';

// Staff screens are loaded on demand: callers on phones never download them.
const DeskPage = lazy(() => import('./features/desk/DeskPage.tsx').then((m) => ({ default: m.DeskPage })));
const WallboardPage = lazy(() => import('./features/wallboard/WallboardPage.tsx').then((m) => ({ default: m.WallboardPage })));
const AdminHoursPage = lazy(() => import('./features/admin/AdminHoursPage.tsx').then((m) => ({ default: m.AdminHoursPage })));
const ReportsPage = lazy(() => import('./features/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ApiKeysPage = lazy(() => import('./features/cityApi/ApiKeysPage.tsx').then((m) => ({ default: m.ApiKeysPage })));
const AuditPage = lazy(() => import('./features/cityApi/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const CaseListPage = lazy(() => import('./features/caseList/CaseListPage.tsx').then((m) => ({ default: m.CaseListPage })));
const CaseDetailPage = lazy(() => import('./features/caseList/CaseListPage.tsx').then((m) => ({ default: m.CaseDetailPage })));
// The text chat is a screen of its own (a reload comes back to it), loaded when a caller chooses it.
const CallerChatPage = lazy(() => import('./features/chat/CallerChatPage.tsx').then((m) => ({ default: m.CallerChatPage })));

/** The frame every screen shares (name, language switch) and the routes. Calls start only from the queue. */
export function App(): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Brand />
        <LangSwitch />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<ConnectionStatus state="idle" />}>
          <Routes>
            <Route path="/" element={<CallerPage />} />
            <Route path="/desk" element={<DeskPage />} />
            <Route path="/wallboard" element={<WallboardPage />} />
            <Route path="/chat" element={<CallerChatPage />} />
            <Route path="/admin/hours" element={<AdminHoursPage />} />
            <Route path="/reports" element={<ReportsPage />} />
            <Route path="/admin/api-keys" element={<ApiKeysPage />} />
            <Route path="/admin/audit" element={<AuditPage />} />
            <Route path="/cases" element={<CaseListPage />} />
            <Route path="/cases/:id" element={<CaseDetailPage />} />
            <Route path="/admin" element={<Navigate to="/admin/hours" replace />} />
            <Route path="*" element={<Navigate to="/" replace />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
