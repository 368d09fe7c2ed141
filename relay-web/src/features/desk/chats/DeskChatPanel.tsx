import { memo, useCallback, useEffect, useId, useState } from 'react';
import type { ReactElement } from 'react';
import type { ChatOffer, ChatSessionId } from '@sign-relay/shared';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../../components/Icon.tsx';
import { useNow } from '../../../hooks/useNow.ts';
import type { SignalingSocket } from '../../../signaling/socket.ts';
import { ChatOfferBanner } from './ChatOfferBanner.tsx';
import { ChatOfferCard, chatOfferLeft } from './ChatOfferCard.tsx';
import { DeskChatCard } from './DeskChatCard.tsx';
import type { DeskChatNotice } from './deskChats.ts';
import { useDeskChats } from './useDeskChats.ts';
import '../../../chat/chat.css';
import './deskChat.css';

function Notice({ notice }: { notice: DeskChatNotice }): ReactElement {
  const { t } = useTranslation();
  if (notice.kind === 'missed') {
    return (
      <div className="notice notice--alarm" data-testid="chat-missed" role="alert">
        <Icon name="warning" className="notice__icon" />
        <span>{t('deskChat.missed', { count: notice.count })}</span>
      </div>
    );
  }
  return (
    <p className="notice notice--warn" data-testid="chat-offer-ended" data-why={notice.why} role="status">
      <Icon name="bell" className="notice__icon" />
      <span>{t(`deskChat.offerEnded.${notice.why}`)}</span>
    </p>
  );
}

interface Props {
  socket: SignalingSocket | null;
  connected: boolean;
  /**
   * During a video call the panel is a region of the desk's console: a chat ringing is a banner that never
   * takes the focus, and the chats in progress can be folded away to give the case form the room.
   */
  inConsole?: boolean;
  /** Told which chats are on the desk now (their case forms are in their cards), whenever that changes. */
  onShown?: (sessionIds: readonly string[]) => void;
  /** Told whether this desk takes text chats, how many it carries and what rings, whenever that changes. */
  onSummary?: (summary: DeskChatSummary) => void;
}

/** The desk's text chats in brief, for its state badge and ring alerts. */
export interface DeskChatSummary {
  /** Chats may be offered here, or some are still carried. */
  taking: boolean;
  active: number;
  seats: number | null;
  ringing: readonly ChatOffer[];
}

/**
 * The desk's text chats: the switch that opens this interpreter's chat seats, chats ringing (with a small
 * flashing tile that stays in view wherever the desk is scrolled), and up to three chats in progress side by
 * side, each with its own case form.
 */
export const DeskChatPanel = memo(function DeskChatPanel({ socket, connected, inConsole = false, onShown, onSummary }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const desk = useDeskChats(socket);
  const shownKey = desk.tabs.map((tab) => tab.sessionId).join(',');
  useEffect(() => onShown?.(shownKey ? shownKey.split(',') : []), [shownKey, onShown]);
  const [folded, setFolded] = useState(false);
  const unfolded = !inConsole || !folded;
  const ringing = desk.offers.length > 0;
  const now = useNow(ringing ? 250 : 1000);
  const available = desk.chosen === 'available';
  const active = desk.tabs.filter((tab) => !tab.ended).length;
  useEffect(() => onSummary?.({ taking: available || active > 0, active, seats: desk.seats, ringing: desk.offers.map((o) => o.offer) }), [onSummary, available, active, desk.seats, desk.offers]);
  const first = desk.offers[0];
  const firstId = first?.offer.sessionId;

  // The small ringing tile shows only while the offer itself is out of view (scrolled past, e.g. in a call).
  const [offerInView, setOfferInView] = useState(true);
  useEffect(() => {
    if (!firstId) return;
    const el = document.getElementById(`chat-offer-${firstId}`);
    if (!el || typeof IntersectionObserver === 'undefined') {
      setOfferInView(false);
      return;
    }
    const observer = new IntersectionObserver(([entry]) => setOfferInView(entry?.isIntersecting ?? false), { threshold: 0.5 });
    observer.observe(el);
    return () => observer.disconnect();
  }, [firstId]);
  // Folded in the console, the header still counts the messages waiting in the chats.
  const [unreadBy, setUnreadBy] = useState<Readonly<Record<string, number>>>({});
  const onUnread = useCallback((sessionId: ChatSessionId, count: number) => setUnreadBy((u) => (u[sessionId] === count ? u : { ...u, [sessionId]: count })), []);
  const unreadTotal = desk.tabs.reduce((sum, tab) => sum + (unreadBy[tab.sessionId] ?? 0), 0);

  const showOffer = (): void => {
    const el = firstId ? document.getElementById(`chat-offer-${firstId}`) : null;
    el?.scrollIntoView({ block: 'center' });
    el?.querySelector<HTMLButtonElement>('[data-testid="chat-offer-accept"]')?.focus();
  };

  return (
    <section className={`panel desk-chats${ringing ? ' desk-chats--ringing' : ''}${inConsole ? ' desk-chats--console' : ''}`} aria-labelledby={`${id}-title`} data-testid="desk-chats" data-folded={inConsole && folded}>
      <div className="desk-chats__head">
        <h2 id={`${id}-title`}>
          <Icon name="chat" /> {t('deskChat.title')}
        </h2>
        {inConsole && desk.tabs.length > 0 && (
          <button type="button" className="button button--quiet desk-chats__fold" data-testid="desk-chats-fold" aria-expanded={!folded} aria-controls={`${id}-cards`} onClick={() => setFolded((f) => !f)}>
            <span>{folded ? t('cases.console.expand') : t('cases.console.collapse')}</span>
            {folded && unreadTotal > 0 && <span className="desk-chats__unread">{unreadTotal}</span>}
          </button>
        )}
        <button
          type="button"
          className="switch switch--available desk-chats__switch"
          data-testid="chat-availability"
          aria-pressed={available}
          disabled={!socket || !connected || desk.busy === 'status'}
          aria-busy={desk.busy === 'status'}
          onClick={desk.toggle}
        >
          <Icon name={available ? 'check' : 'power'} />
          <span>{t('deskChat.availability')}</span>
          <span className="switch__state">{available ? t('deskChat.on') : t('deskChat.off')}</span>
        </button>
        {desk.seats !== null && (
          <span className="desk-chats__seats" data-testid="chat-seats" data-active={active} data-seats={desk.seats}>
            <Icon name="users" />
            <span>{t('deskChat.seats', { active, seats: desk.seats })}</span>
          </span>
        )}
      </div>
      {desk.error && (
        <p className="notice notice--error" role="alert" data-testid="chat-desk-error" data-error={desk.error}>
          <Icon name="warning" className="notice__icon" />
          <span>{t(`errors.${desk.error}`)}</span>
        </p>
      )}
      {desk.notice && <Notice notice={desk.notice} />}
      {desk.offers.map((o) =>
        inConsole ? (
          <ChatOfferBanner key={o.offer.sessionId} ringing={o} now={now} busy={desk.busy !== null} onAccept={() => desk.accept(o.offer.sessionId)} onDecline={() => desk.decline(o.offer.sessionId)} />
        ) : (
          <ChatOfferCard key={o.offer.sessionId} ringing={o} now={now} busy={desk.busy !== null} onAccept={() => desk.accept(o.offer.sessionId)} onDecline={() => desk.decline(o.offer.sessionId)} />
        ),
      )}
      {first && !offerInView && !inConsole && (
        <button type="button" className="chat-ring" data-testid="chat-ring" onClick={showOffer}>
          <Icon name="bell" className="chat-ring__icon" />
          <span>
            {t('deskChat.offerTitle')} {t('offer.seconds', { count: chatOfferLeft(first, now) })}
          </span>
        </button>
      )}
      {desk.tabs.length === 0 ? (
        !inConsole && <p className="hint desk-chats__empty">{available ? t('deskChat.emptyOn') : t('deskChat.emptyOff')}</p>
      ) : (
        socket && (
          <div id={`${id}-cards`} className="desk-chats__cards" hidden={!unfolded}>
            {desk.tabs.map((tab, n) => (
              <DeskChatCard key={tab.sessionId} socket={socket} tab={tab} number={n + 1} now={now} onClose={() => desk.close(tab.sessionId)} onEnded={() => desk.ended(tab.sessionId)} onUnread={onUnread} />
            ))}
          </div>
        )
      )}
    </section>
  );
});
