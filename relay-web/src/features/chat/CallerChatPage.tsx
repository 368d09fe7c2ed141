/**
 * `/chat`: the caller's 24-hour text chat. The chat is remembered in this tab (sessionStorage), so a reload
 * comes back to it, history and all. Arriving from the first screen with `{start: true}` starts a chat at
 * once; otherwise the page offers to start one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ChatQueueStatus, ChatSessionId } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { asRequestErrorCode, errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { useGuestSignaling } from '../caller/useGuestSignaling.ts';
import { CallerChat } from './CallerChat.tsx';
import { storedChatSession, storeChatSession } from '../../chat/chatStorage.ts';
import '../../chat/chat.css';
import './callerChat.css';

interface ChatStartProps {
  busy: boolean;
  error: RequestErrorCode | null;
  /** The server refused this page's connection (too many open for this caller or this network). */
  refused: boolean;
  onStart: () => void;
}

function ChatStart({ busy, error, refused, onStart }: ChatStartProps): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="flow chat-start" aria-labelledby="chat-start-title">
      <h1 id="chat-start-title" ref={heading} tabIndex={-1}>
        <Icon name="chat" /> {t('chat.title')}
      </h1>
      <p className="flow__lead">{t('chat.startLead')}</p>
      <div role="alert">
        {error && (
          <p className="notice notice--error" data-testid="chat-start-error" data-error={error}>
            <Icon name="warning" className="notice__icon" />
            <span className="notice__body">
              {t('chat.startFailed')} {t(refused && error === 'RATE_LIMITED' ? 'chat.tooManyConnections' : `errors.${error}`)}
            </span>
          </p>
        )}
      </div>
      <button type="button" className="big-action big-action--text" data-testid="start-text-chat" onClick={onStart} disabled={busy} aria-busy={busy}>
        <span className="big-action__pictogram" aria-hidden="true">
          <Icon name="chat" />
        </span>
        <span className="big-action__label">{busy ? t('chat.starting') : t('entry.startText')}</span>
        <span className="big-action__hint">{t('entry.startTextHint')}</span>
      </button>
      <div className="flow__actions">
        <Link to="/" className="button button--quiet">
          <Icon name="home" />
          <span>{t('chat.home')}</span>
        </Link>
      </div>
    </section>
  );
}

export function CallerChatPage(): ReactElement {
  const signaling = useGuestSignaling(true);
  const { socket, connected } = signaling;
  const location = useLocation();
  const navigate = useNavigate();
  const [sessionId, setSessionId] = useState<ChatSessionId | null>(storedChatSession);
  const [initialStatus, setInitialStatus] = useState<ChatQueueStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<RequestErrorCode | null>(null);

  const begin = useCallback(() => {
    if (!socket || busy) return;
    setBusy(true);
    setError(null);
    request(socket, 'chat:start', {}).then(
      (status) => {
        storeChatSession(status.sessionId);
        setInitialStatus(status);
        setSessionId(status.sessionId);
        setBusy(false);
      },
      (e: unknown) => {
        setError(errorCodeOf(e));
        setBusy(false);
      },
    );
  }, [socket, busy]);

  // From the first screen's "start a text chat": start once, and forget the request (a reload resumes instead).
  const wantsStart = (location.state as { start?: unknown } | null)?.start === true;
  const autoStarted = useRef(false);
  useEffect(() => {
    if (!wantsStart || sessionId || !socket || !connected || autoStarted.current) return;
    autoStarted.current = true;
    void navigate('.', { replace: true, state: null });
    begin();
  }, [wantsStart, sessionId, socket, connected, begin, navigate]);

  useEffect(() => {
    if (signaling.tokenError) setError(signaling.tokenError);
  }, [signaling.tokenError]);

  // A connection the server refused fails the start in words instead of leaving "starting…" up for ever; trying
  // again connects anew and starts once connected.
  const refused = signaling.refused;
  const [startWhenConnected, setStartWhenConnected] = useState(false);
  useEffect(() => {
    if (!refused) return;
    setError(asRequestErrorCode(refused));
    setBusy(false);
    setStartWhenConnected(false);
  }, [refused]);
  useEffect(() => {
    if (!startWhenConnected || !connected || refused) return;
    setStartWhenConnected(false);
    begin();
  }, [startWhenConnected, connected, refused, begin]);

  const forget = useCallback(() => {
    storeChatSession(null);
    setSessionId(null);
    setInitialStatus(null);
  }, []);

  if (sessionId && socket) {
    return (
      <CallerChat
        key={sessionId}
        socket={socket}
        sessionId={sessionId}
        initialStatus={initialStatus}
        onGone={forget}
        onNew={() => {
          forget();
          begin();
        }}
      />
    );
  }
  return (
    <ChatStart
      busy={busy || startWhenConnected || (wantsStart && !error) || (sessionId !== null && !socket)}
      error={error}
      refused={refused !== null}
      onStart={() => {
        if (signaling.tokenError) signaling.retry();
        if (refused) {
          setError(null);
          setStartWhenConnected(true);
          signaling.reconnect();
          return;
        }
        begin();
      }}
    />
  );
}
