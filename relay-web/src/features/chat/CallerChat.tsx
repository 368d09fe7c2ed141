import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ChatQueueStatus, ChatSessionId } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { request } from '../../signaling/socket.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { CONNECTED_ALERT_MS } from '../caller/ConnectedAlert.tsx';
import { useServiceStatus } from '../entry/useServiceStatus.ts';
import { storeChatSession } from '../../chat/chatStorage.ts';
import { useVisitHold } from '../../surface/surface.ts';
import { CaseNoticesPanel } from '../caseReceipt/CaseNoticesPanel.tsx';
import { useCaseNotices } from '../caseReceipt/useCaseNotices.ts';
import { ChatTranscriptDownload } from '../afterCall/ChatTranscriptDownload.tsx';
import { ChatThread } from '../../chat/ChatThread.tsx';
import { ChatToVideo } from './ChatToVideo.tsx';
import { ChatWaitCard } from './ChatWaitCard.tsx';
import { useChatSession } from '../../chat/useChatSession.ts';

interface Props {
  socket: SignalingSocket;
  sessionId: ChatSessionId;
  /** The place in line `chat:start` answered with. */
  initialStatus: ChatQueueStatus | null;
  /** The chat cannot be found any more (another browser's, or long gone). */
  onGone: () => void;
  onNew: () => void;
}

type Phase = 'loading' | 'waiting' | 'active' | 'ended';

/** The whole screen says it when an interpreter answers the chat (as for video: no sound needed), then hides. */
function ChatAnswered({ name, since }: { name: string; since: number }): ReactElement | null {
  const { t } = useTranslation();
  const [shown, setShown] = useState(() => Date.now() - since < CONNECTED_ALERT_MS);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setShown(false), Math.max(0, since + CONNECTED_ALERT_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [shown, since]);
  if (!shown) return null;
  return (
    <div className="answered" data-testid="chat-connected-alert" role="alert">
      <div className="answered__banner">
        <Icon name="chat" className="answered__icon" />
        <p className="answered__title">{t('chat.answeredTitle')}</p>
        <p className="answered__body">{t('chat.answeredBody', { name })}</p>
      </div>
    </div>
  );
}

/** The caller's chat: waiting (place in line, write already), talking, ended; and "switch to video". */
export function CallerChat({ socket, sessionId, initialStatus, onGone, onNew }: Props): ReactElement {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const heading = useFocusOnMount();
  const chat = useChatSession({ socket, source: { kind: 'session', sessionId }, me: 'guest', ...(initialStatus ? { initial: { status: initialStatus } } : {}) });
  const service = useServiceStatus();
  const cases = useCaseNotices(socket);
  const phase: Phase = chat.ended ? 'ended' : chat.session ? chat.session.state : chat.status ? 'waiting' : 'loading';
  const interpreter = chat.session?.interpreterName || t('role.interpreter');

  useEffect(() => {
    if (chat.loadError === 'NOT_FOUND' || chat.loadError === 'FORBIDDEN') onGone();
  }, [chat.loadError, onGone]);

  const title = phase === 'waiting' ? t('chat.waitingTitle') : phase === 'active' ? t('chat.withName', { name: interpreter }) : phase === 'ended' ? t('chat.ended.title') : t('chat.resuming');
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);

  const toVideo = (): void => {
    // The video interpreter takes over: the text chat ends (its interpreter sees that), then the call page opens.
    void request(socket, 'chat:end', { sessionId }, 3_000)
      .catch(() => undefined)
      .finally(() => {
        storeChatSession(null);
        void navigate('/');
      });
  };

  // On a kiosk: a chat is not idleness; only one left untouched for 30 minutes is ended, so the words do not stay
  // on a public screen for good.
  useVisitHold(phase !== 'ended', 'chat', () => request(socket, 'chat:end', { sessionId }, 3_000));
  const videoOpen = service.status?.video.open === true;
  return (
    <div className={`caller-chat caller-chat--${phase}`}>
      {chat.answeredAt !== null && <ChatAnswered key={chat.answeredAt} name={interpreter} since={chat.answeredAt} />}
      <h1 className="caller-chat__title" ref={heading} tabIndex={-1}>
        <Icon name="chat" /> {title}
      </h1>
      {/* Above the conversation: the read-back to confirm, then the case numbers. */}
      <CaseNoticesPanel notices={cases} placement="page" inChat />
      <div className="caller-chat__layout">
        {(phase === 'waiting' || (phase === 'active' && videoOpen)) && (
          <div className="caller-chat__side">
            {phase === 'waiting' && <ChatWaitCard status={chat.status} leaving={chat.ending} onLeave={chat.end} />}
            {videoOpen && <ChatToVideo socket={socket} sessionId={sessionId} topic={chat.session?.topic ?? null} onConnected={toVideo} />}
          </div>
        )}
        <ChatThread
          chat={chat}
          label={t('chat.title')}
          otherName={interpreter}
          {...(phase === 'active' ? { onEnd: chat.end } : {})}
          {...(phase === 'waiting' ? { composerHint: t('chat.writeWhileWaiting') } : {})}
        >
          {phase === 'ended' && (
            <div className="chat-thread__after">
              <button type="button" className="button button--primary button--large" data-testid="chat-new" onClick={onNew}>
                <Icon name="chat" />
                <span>{t('chat.newChat')}</span>
              </button>
              <ChatTranscriptDownload messages={chat.messages} interpreterName={chat.session?.interpreterName ?? null} startedAt={chat.session?.createdAt ?? null} receipts={cases.receipts} />
              <Link to="/" className="button button--secondary button--large" data-testid="chat-home" onClick={() => storeChatSession(null)}>
                <Icon name="home" />
                <span>{t('chat.home')}</span>
              </Link>
            </div>
          )}
        </ChatThread>
      </div>
    </div>
  );
}
