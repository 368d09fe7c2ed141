/**
 * The kiosk: the caller's screens of the web app (what is open now, the video line and call, text chat, a
 * call-back request) on a shared public device. Guest tokens are for this kiosk; there is no way into the
 * staff screens; everything is larger for a standing visitor; and a visit ends — cleared for the next
 * person — when the visitor presses "Finish", or leaves a screen nobody is using untouched and does not answer
 * "are you still there?". Waiting in line or for a chat is not idleness, and a call is never cut short.
 */
import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { Brand, Icon, LangSwitch } from '@sign-relay/relay-web/components';
import { CallerPage } from '@sign-relay/relay-web/caller';
import { CallerChatPage } from '@sign-relay/relay-web/chat';
import { SurfaceProvider, VisitHoldsProvider } from '@sign-relay/relay-web/surface';
import { useNow } from '@sign-relay/relay-web/hooks';
import type { Surface } from '@sign-relay/relay-web/surface';
import type { KioskConfigResult } from './config.ts';
import { useIdleVisit } from './useIdleVisit.ts';
import './idlePrompt.css';

/**
 * "Are you still there?": the whole screen flashes (slowly, under three times a second) so a visitor who looks
 * around the hall sees it from afar, with the seconds left large and one answer. Visible, never a sound. Asked
 * of screens nobody is using — not of a visitor waiting in line or for a chat (see {@link useIdleVisit}).
 */
function StillThere({ until, onStay }: { until: number; onStay: () => void }): ReactElement {
  const { t } = useTranslation();
  const left = Math.max(0, Math.ceil((until - useNow(250)) / 1000));
  return (
    <div className="kiosk-ask kiosk-ask--flash" role="alertdialog" aria-modal="true" aria-labelledby="kiosk-ask-title" aria-describedby="kiosk-ask-body" data-testid="kiosk-still-there" data-seconds={left}>
      <div className="kiosk-ask__box">
        <Icon name="hourglass" className="kiosk-ask__icon" />
        <h2 id="kiosk-ask-title">{t('kiosk.askTitle')}</h2>
        <p className="kiosk-ask__seconds" aria-hidden="true">
          {left}
        </p>
        <p id="kiosk-ask-body">{t('kiosk.askBody', { count: left })}</p>
        {/* The one thing to do: it takes the focus, so a key press answers too. */}
        <button type="button" className="button button--primary button--large kiosk-ask__stay" data-testid="kiosk-still-here" onClick={onStay} autoFocus>
          <Icon name="check" />
          <span>{t('kiosk.stillHere')}</span>
        </button>
      </div>
    </div>
  );
}

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
  const { holds, held, askingUntil, stillHere } = useIdleVisit(idleMs, onEndVisit);
  // While asking, the question is the only thing to reach with keys or a screen reader (any touch answers it).
  const behind = askingUntil !== null;

  useEffect(() => {
    document.title = t('kiosk.title');
  }, [t]);

  return (
    <div className="app kiosk" data-testid="kiosk" data-kiosk-id={kioskId ?? undefined} data-visit-held={held}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="topbar" inert={behind}>
        <Brand {...(kioskId ? { service: t('kiosk.place', { id: kioskId }) } : {})} />
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
      {askingUntil !== null && <StillThere until={askingUntil} onStay={stillHere} />}
      <main id="main" className="main" tabIndex={-1} inert={behind}>
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
