import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { asServiceTopic, TopicPictogram } from '../../../components/TopicPictogram.tsx';
import type { SignalingSocket } from '../../../signaling/socket.ts';
import { elapsedSec, formatDuration } from '../../../util/time.ts';
import { lastSeq, unreadCount, waitingSince } from '../../../chat/chatMessages.ts';
import { ChatThread } from '../../../chat/ChatThread.tsx';
import type { DeskChatTab } from './deskChats.ts';
import { useChatSession } from '../../../chat/useChatSession.ts';
import { CaseForm } from '../../cases/CaseForm.tsx';
import { useCaseWorkspace } from '../../cases/useCaseWorkspace.ts';
import { WrapUpForm } from '../WrapUp.tsx';
import type { ChatSessionId } from '@sign-relay/shared';

/** The case form of one text chat (its own draft on the server, like a call's). */
function ChatCaseForm({ socket, sessionId }: { socket: SignalingSocket; sessionId: ChatSessionId }): ReactElement {
  const ref = useMemo(() => ({ kind: 'chat' as const, sessionId }), [sessionId]);
  const model = useCaseWorkspace(socket, ref);
  return <CaseForm model={model} idPrefix={`chat-case-${sessionId}`} />;
}

interface Props {
  socket: SignalingSocket;
  tab: DeskChatTab;
  /** 1, 2, 3: how the interpreter tells the chats apart. */
  number: number;
  now: number;
  onClose: () => void;
  onEnded: () => void;
  /** Tells the panel how many messages wait unread here (it counts them while the chats are folded away). */
  onUnread?: (sessionId: ChatSessionId, count: number) => void;
}

/** A caller waiting this long for an answer turns the clock urgent. */
export const WAITING_URGENT_SEC = 60;

/**
 * One chat in progress on the desk: how long the caller has waited for an answer (ticking), messages that
 * arrived since the interpreter last looked at this chat, the caller typing, and the chat itself.
 */
export function DeskChatCard({ socket, tab, number, now, onClose, onEnded, onUnread }: Props): ReactElement {
  const { t } = useTranslation();
  const card = useRef<HTMLElement>(null);
  const chat = useChatSession({ socket, source: { kind: 'session', sessionId: tab.sessionId }, me: 'staff', ...(tab.session ? { initial: { session: tab.session, messages: tab.messages } } : {}) });
  const latest = lastSeq(chat.messages);
  // What the first load brings (on accepting, or after a reload) counts as seen; later messages are unread
  // until the interpreter looks at this chat.
  const [seenSeq, setSeenSeq] = useState<number | null>(null);
  useEffect(() => {
    if (seenSeq === null && chat.loaded) setSeenSeq(latest);
  }, [seenSeq, chat.loaded, latest]);
  useEffect(() => {
    if (card.current?.contains(document.activeElement)) setSeenSeq(latest);
  }, [latest]);
  const markSeen = (): void => setSeenSeq(latest);
  const over = chat.ended !== null;
  useEffect(() => {
    if (over) onEnded();
  }, [over, onEnded]);
  const unread = seenSeq === null ? 0 : unreadCount(chat.messages, 'staff', seenSeq);
  useEffect(() => onUnread?.(tab.sessionId, unread), [onUnread, tab.sessionId, unread]);
  // The chat's case form, inside the card (never over anything): mounted on first opening, then kept (its
  // edits keep saving while it is folded).
  const [formOpen, setFormOpen] = useState(false);
  const [formShown, setFormShown] = useState(false);

  const since = chat.ended ? null : waitingSince(chat.messages);
  const waited = since === null ? null : elapsedSec(since, now);
  const topic = asServiceTopic(chat.session?.topic);
  const titleId = `desk-chat-${tab.sessionId}`;

  return (
    <article
      ref={card}
      className={`desk-chat${chat.ended ? ' desk-chat--ended' : ''}${unread > 0 ? ' desk-chat--unread' : ''}`}
      data-testid="chat-tab"
      data-session-id={tab.sessionId}
      data-state={chat.ended ? 'ended' : 'active'}
      aria-labelledby={titleId}
      onFocus={markSeen}
      onPointerDown={markSeen}
    >
      <header className="desk-chat__head">
        {/* The form's button shares its row with the title only: the clocks and counts below change without moving it. */}
        <div className="desk-chat__titlebar">
          <h3 id={titleId} className="desk-chat__title">
            <span className="desk-chat__number">{number}</span>
            <TopicPictogram topic={topic} />
            <span>{topic ? t(`topics.${topic}.name`) : t('offer.noTopic')}</span>
          </h3>
          <button
            type="button"
            className="button button--secondary desk-chat__form-toggle"
            data-testid="chat-case-open"
            aria-expanded={formOpen}
            aria-controls={`${titleId}-case`}
            onClick={() => {
              setFormOpen((o) => !o);
              setFormShown(true);
            }}
          >
            <Icon name="pen" />
            <span>{t('cases.chatCard.openForm')}</span>
          </button>
        </div>
        <p className="desk-chat__facts">
          <span
            className={`pill ${waited === null ? 'pill--ok' : waited >= WAITING_URGENT_SEC ? 'pill--error' : 'pill--waiting'}`}
            data-testid="chat-waiting"
            data-seconds={waited ?? ''}
          >
            <Icon name={waited === null ? 'check' : 'hourglass'} />
            <span>{waited === null ? t('deskChat.answered') : t('deskChat.waiting', { time: formatDuration(waited) })}</span>
          </span>
          {unread > 0 && (
            <span className="pill pill--info" data-testid="chat-unread" data-count={unread}>
              <Icon name="bell" />
              <span>{t('chat.unread', { count: unread })}</span>
            </span>
          )}
        </p>
      </header>
      <div id={`${titleId}-case`} className="desk-chat__case" hidden={!formOpen}>
        {formShown && <ChatCaseForm socket={socket} sessionId={tab.sessionId} />}
      </div>
      <ChatThread chat={chat} label={t('deskChat.chatLabel', { n: number })} otherName={t('role.caller')} onEnd={chat.end} compact>
        {chat.ended && (
          <>
            <WrapUpForm socket={socket} callRef={{ kind: 'chat', sessionId: tab.sessionId }} title={t('cases.wrapUp.chatOutcome')} />
            <button type="button" className="button button--secondary desk-chat__close" data-testid="chat-close" onClick={onClose}>
              <Icon name="check" />
              <span>{t('deskChat.close')}</span>
            </button>
          </>
        )}
      </ChatThread>
    </article>
  );
}
