import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallId, ChatSessionId } from '@sign-relay/shared';
import { Icon } from '../components/Icon.tsx';
import type { SignalingSocket } from '../signaling/socket.ts';
import { lastSeq, unreadCount } from './chatMessages.ts';
import { ChatThread } from './ChatThread.tsx';
import { useChatSession } from './useChatSession.ts';
import type { ChatParty } from './useChatSession.ts';
import './chat.css';

interface Props {
  socket: SignalingSocket;
  callId: CallId;
  me: ChatParty;
  /** The caller's text chat this call came from, shown above the call's chat for both sides. */
  fromChat?: ChatSessionId | undefined;
}

/**
 * The text chat beside a video call (names, addresses, numbers), for the caller. Closed by default so the
 * column beside the picture keeps ourselves and the controls in view; on an upright phone it opens as a sheet
 * over that column (see components/callStage.css). The toggle counts messages that arrived while it was closed.
 */
export function CallChat({ socket, callId, me, fromChat }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const chat = useChatSession({ socket, source: { kind: 'call', callId, fromChat }, me });
  const [open, setOpen] = useState(false);
  const [seenSeq, setSeenSeq] = useState(0);
  const latest = lastSeq(chat.messages);
  useEffect(() => {
    if (open) setSeenSeq(latest);
  }, [open, latest]);
  const unread = open ? 0 : unreadCount(chat.messages, me, seenSeq);
  const otherName = me === 'guest' ? t('role.interpreter') : t('role.caller');
  // Opened in the column beside the picture, the column scrolls to the chat's field (only the column: the
  // call's window never moves). Upright, the chat is a sheet over the column under the picture: that column
  // goes back to its top, where the sheet lies.
  const section = useRef<HTMLElement>(null);
  useEffect(() => {
    const el = section.current;
    const column = el?.parentElement;
    if (!open || !el || !column) return;
    column.scrollTo({ top: getComputedStyle(el).position === 'absolute' ? 0 : column.scrollHeight });
  }, [open]);

  return (
    <section ref={section} className={`call-chat${open ? ' call-chat--open' : ''}`} data-testid="call-chat" data-open={open} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        {t('chat.inCallTitle')}
      </h2>
      <button
        type="button"
        className={`button call-chat__toggle${unread > 0 ? ' call-chat__toggle--unread' : ''}`}
        data-testid="call-chat-open"
        data-unread={unread}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="chat" />
        <span>{open ? t('chat.closeInCall') : t('chat.openInCall')}</span>
        {unread > 0 && (
          <span className="call-chat__unread" data-testid="call-chat-unread">
            {t('chat.unread', { count: unread })}
          </span>
        )}
        {!open && chat.otherTyping && (
          <span className="call-chat__typing">
            <Icon name="pen" />
            <span className="visually-hidden">{t('chat.typing', { name: otherName })}</span>
          </span>
        )}
      </button>
      <div id={`${id}-panel`} className="call-chat__panel" hidden={!open}>
        {open && <ChatThread chat={chat} label={t('chat.inCallTitle')} otherName={otherName} compact />}
      </div>
    </section>
  );
}
