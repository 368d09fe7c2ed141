import { useEffect, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatMessage } from '@sign-relay/shared';
import { Icon } from '../components/Icon.tsx';
import type { IconName } from '../components/Icon.tsx';
import { clockTime } from '../util/time.ts';
import { ChatComposer } from './ChatComposer.tsx';
import { isRetryable } from './outbox.ts';
import type { OutboxEntry } from './outbox.ts';
import type { ChatEnd, ChatParty, ChatSession } from './useChatSession.ts';

interface Props {
  chat: ChatSession;
  /** What the thread is called for assistive technology ("Text chat", "Chat with the caller"). */
  label: string;
  /** The other side's name, on their messages and in "… is typing". */
  otherName: string;
  /** Shows "end chat" (text chats only: the chat of a call ends with the call). */
  onEnd?: () => void;
  /** Said above the field (e.g. "write while you wait"). */
  composerHint?: string;
  /** Below the thread, inside it (e.g. "start a new chat" after the end). */
  children?: ReactNode;
  compact?: boolean;
}

type MessageState = 'sending' | 'sent' | 'failed';

function endText(ended: ChatEnd, me: ChatParty): 'byMe' | 'byGuest' | 'byStaff' | 'lost' | 'bySystem' {
  if (ended.by === me) return 'byMe';
  if (ended.by === 'guest') return 'byGuest';
  if (ended.by === 'staff') return 'byStaff';
  return ended.reason === 'lost' ? 'lost' : 'bySystem';
}

function StateMark({ state, entry }: { state: MessageState; entry?: OutboxEntry }): ReactElement {
  const { t } = useTranslation();
  const permanent = entry !== undefined && !isRetryable(entry.error);
  const [icon, text, spin]: [IconName, string, boolean] =
    state === 'sent'
      ? ['check', t('chat.state.sent'), false]
      : state === 'sending'
        ? ['sync', t('chat.state.sending'), true]
        : permanent
          ? ['warning', t('chat.state.refused'), false]
          : entry?.error === 'OFFLINE'
            ? ['warning', t('chat.state.offline'), false]
            : ['warning', t('chat.state.failed'), false];
  return (
    <span className={`chat-msg__state chat-msg__state--${state}`}>
      <Icon name={icon} className={spin ? 'icon--spin' : undefined} />
      <span>{text}</span>
    </span>
  );
}

/**
 * One chat: the messages in order (own on one side, the other person's on the other, system notes in the
 * middle), each with its time and, for our own, whether it is sending, sent or failed (and retrying); the
 * other side typing; the field; the end. Used by the caller, the desk and the call alike.
 */
export function ChatThread({ chat, label, otherName, onEnd, composerHint, children, compact = false }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const log = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const pending = chat.outbox;
  const total = chat.messages.length + pending.length;

  // Follow new messages while the reader is at the bottom; leave them where they are when they scrolled up.
  useEffect(() => {
    const el = log.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [total, chat.otherTyping]);

  const who = (m: ChatMessage): string => (m.from === chat.me ? t('chat.me') : m.from === 'system' ? t('chat.system') : m.senderName || otherName);
  const ended = chat.ended;
  const loaded = chat.session !== null;

  return (
    <section className={`chat-thread${compact ? ' chat-thread--compact' : ''}`} data-testid="chat-thread" data-session-id={chat.sessionId ?? ''} aria-label={label}>
      {onEnd && !ended && (
        <div className="chat-thread__tools">
          <button type="button" className="button button--danger-outline" data-testid="chat-end" onClick={onEnd} disabled={chat.ending || !loaded} aria-busy={chat.ending}>
            <Icon name="logout" />
            <span>{chat.ending ? t('chat.ending') : t('chat.end')}</span>
          </button>
        </div>
      )}
      {chat.sessionId && !chat.connected && (
        <p className="notice notice--warn chat-thread__notice" data-testid="chat-offline" role="status">
          <Icon name="sync" className="notice__icon icon--spin" />
          <span>{t('chat.reconnecting')}</span>
        </p>
      )}
      {chat.actionError && (
        <p className="notice notice--error chat-thread__notice" role="alert">
          <Icon name="warning" className="notice__icon" />
          <span>{t(`errors.${chat.actionError}`)}</span>
        </p>
      )}
      <div
        ref={log}
        className="chat-log"
        role="log"
        aria-label={t('chat.logLabel')}
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        {chat.earlier.length > 0 && (
          <section className="chat-earlier" data-testid="chat-earlier" aria-label={t('chat.earlierTitle')}>
            <p className="chat-earlier__title">
              <Icon name="chat" />
              <span>{t('chat.earlierTitle')}</span>
            </p>
            <ol className="chat-log__list">
              {chat.earlier.map((m) => (
                <li key={m.id} className={`chat-msg chat-msg--earlier chat-msg--${m.from === chat.me ? 'own' : m.from === 'system' ? 'system' : 'other'}`} data-testid="chat-earlier-message" data-from={m.from}>
                  <p className="chat-msg__who">{m.from === chat.me ? t('chat.me') : m.from === 'guest' ? t('role.caller') : m.senderName || t('role.interpreter')}</p>
                  <p className="chat-msg__body">{m.body}</p>
                  <p className="chat-msg__meta">
                    <time dateTime={new Date(m.at).toISOString()}>{clockTime(m.at, lang)}</time>
                  </p>
                </li>
              ))}
            </ol>
          </section>
        )}
        {total === 0 ? (
          <p className="chat-log__empty">{loaded ? t('chat.empty') : t('chat.loading')}</p>
        ) : (
          <ol className="chat-log__list">
            {chat.messages.map((m) => (
              <li
                key={m.id}
                className={`chat-msg chat-msg--${m.from === chat.me ? 'own' : m.from === 'system' ? 'system' : 'other'}`}
                data-testid="chat-message"
                data-seq={m.seq}
                data-from={m.from}
                data-state="sent"
              >
                <p className="chat-msg__who">{who(m)}</p>
                <p className="chat-msg__body">{m.body}</p>
                <p className="chat-msg__meta">
                  <time dateTime={new Date(m.at).toISOString()}>{clockTime(m.at, lang)}</time>
                  {m.from === chat.me && <StateMark state="sent" />}
                </p>
              </li>
            ))}
            {pending.map((e) => (
              <li key={e.clientKey} className={`chat-msg chat-msg--own chat-msg--${e.state}`} data-testid="chat-message" data-seq="" data-from={chat.me} data-state={e.state}>
                <p className="chat-msg__who">{t('chat.me')}</p>
                <p className="chat-msg__body">{e.body}</p>
                <p className="chat-msg__meta">
                  <time dateTime={new Date(e.createdAt).toISOString()}>{clockTime(e.createdAt, lang)}</time>
                  <StateMark state={e.state} entry={e} />
                  {e.state === 'failed' && !isRetryable(e.error) && (
                    <button type="button" className="button button--quiet chat-msg__discard" onClick={() => chat.discard(e.clientKey)}>
                      <Icon name="trash" />
                      <span>{t('chat.discard')}</span>
                    </button>
                  )}
                </p>
              </li>
            ))}
          </ol>
        )}
      </div>
      <div className="chat-typing-slot" aria-live="polite">
        {chat.otherTyping && !ended && (
          <p className="chat-typing" data-testid="chat-typing">
            <span className="chat-typing__dots" aria-hidden="true">
              <span />
              <span />
              <span />
            </span>
            <span>{t('chat.typing', { name: otherName })}</span>
          </p>
        )}
      </div>
      {ended ? (
        <div className="notice notice--neutral chat-thread__ended" data-testid="chat-ended" data-by={ended.by} data-reason={ended.reason} role="status">
          <Icon name="chat" className="notice__icon" />
          <div className="notice__body">
            <p className="notice__title">{t('chat.ended.title')}</p>
            <p>{t(`chat.ended.${endText(ended, chat.me)}`)}</p>
          </div>
        </div>
      ) : (
        <ChatComposer onSend={chat.send} onTyped={chat.typed} disabled={!loaded} {...(composerHint ? { hint: composerHint } : {})} />
      )}
      {children}
    </section>
  );
}
