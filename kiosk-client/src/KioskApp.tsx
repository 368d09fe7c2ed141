/**
 * The kiosk: the caller's screens of the web app (what is open now, the video line and call, text chat, a
 * call-back request) on a shared public device. Guest tokens are for this kiosk; there is no way into the
 * staff screens; everything is larger for a standing visitor; and a visit ends — cleared for the next
 * person — when the visitor presses "Finish" or leaves the screen untouched (never while in line, in a
 * call or in a chat).
 */
import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes } from 'react-router';
import { Icon } from '@sign-relay/relay-web/src/components/Icon.tsx';
import { LangSwitch } from '@sign-relay/relay-web/src/components/LangSwitch.tsx';
import { CallerPage } from '@sign-relay/relay-web/src/features/caller/CallerPage.tsx';
import { CallerChatPage } from '@sign-relay/relay-web/src/features/chat/CallerChatPage.tsx';
import { SurfaceProvider, VisitHoldsProvider } from '@sign-relay/relay-web/src/surface/surface.ts';
import type { Surface } from '@sign-relay/relay-web/src/surface/surface.ts';
import type { KioskConfigResult } from './config.ts';
import { useIdleVisit } from './useIdleVisit.ts';

function KioskSetup({ reason }: { reason: 'missing' | 'invalid' }): ReactElement {
  const { t } = useTranslation();
  return (
    <section className="kiosk-setup" data-testid="kiosk-setup" data-reason={reason} aria-labelledby="kiosk-setup-title">
      <Icon name="warning" className="kiosk-setup__icon" />
      <h1 id="kiosk-setup-title">{t('kiosk.setupTitle')}</h1>
      {reason === 'invalid' && (
        <p className="notice notice--error" role="alert">
          <Icon name="warning" className="notice__icon" />
          <span>{t('kiosk.setupInvalid')}</span>
        </p>
      )}
      <p>{t('kiosk.setupBody')}</p>
      <p>
        <code>/kiosk/?kiosk=DA-01</code>
      </p>
    </section>
  );
}

export function KioskApp({ config, onEndVisit }: { config: KioskConfigResult; onEndVisit: () => void }): ReactElement {
  const { t } = useTranslation();
  const kioskId = config.ok ? config.config.kioskId : null;
  const idleMs = (config.ok ? config.config.idleSec : 3600) * 1000;
  const surface = useMemo<Surface | null>(() => (kioskId ? { kind: 'kiosk', kioskId } : null), [kioskId]);
  const { holds, held } = useIdleVisit(idleMs, onEndVisit);

  useEffect(() => {
    document.title = t('kiosk.title');
  }, [t]);

  return (
    <div className="app kiosk" data-testid="kiosk" data-kiosk-id={kioskId ?? undefined} data-visit-held={held}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" data-testid="brand">
          <Icon name="hands" className="brand__icon" />
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__service">{kioskId ? t('kiosk.place', { id: kioskId }) : t('app.service')}</span>
          </span>
        </Link>
        <div className="kiosk__tools">
          {surface && !held && (
            <>
              <button type="button" className="button button--quiet kiosk__finish" data-testid="kiosk-finish" onClick={() => onEndVisit()} aria-describedby="kiosk-finish-hint">
                <Icon name="home" />
                <span>{t('kiosk.finish')}</span>
              </button>
              <span className="visually-hidden" id="kiosk-finish-hint">
                {t('kiosk.finishHint')}
              </span>
            </>
          )}
          <LangSwitch />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {surface && config.ok ? (
          <SurfaceProvider value={surface}>
            <VisitHoldsProvider value={holds}>
              <Routes>
                <Route path="/" element={<CallerPage />} />
                <Route path="/chat" element={<CallerChatPage />} />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Routes>
            </VisitHoldsProvider>
          </SurfaceProvider>
        ) : (
          <KioskSetup reason={config.ok ? 'missing' : config.reason} />
        )}
      </main>
    </div>
  );
}
