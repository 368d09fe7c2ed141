import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES, type CallId } from '@sign-relay/shared';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { session } from '../../auth/TokenSource.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { Icon } from '../../components/Icon.tsx';
import { SignedIn } from '../../components/SignedIn.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { useSignaling } from '../../signaling/useSignaling.ts';
import { DeskChatPanel } from './chats/DeskChatPanel.tsx';
import type { DeskChatSummary } from './chats/DeskChatPanel.tsx';
import { deskRings } from './ring/ringSettings.ts';
import { RingSettings } from './ring/RingSettings.tsx';
import { PendingDrafts } from '../cases/PendingDrafts.tsx';
import { CallbackCount, CallbackPanel } from '../callbacks/CallbackPanel.tsx';
import { useCallbackList } from '../callbacks/useCallbackList.ts';
import { elapsedSec, remainingSec } from '../../util/time.ts';
import { DeskStateBadge } from './DeskStateBadge.tsx';
import { deskView, wrapUpDeadline } from './deskView.ts';
import { OfferCard } from './OfferCard.tsx';
import { StatusSwitch } from './StatusSwitch.tsx';
import { TodayCalls } from './TodayCalls.tsx';
import { useDesk } from './useDesk.ts';
import type { LastCall } from './useDesk.ts';
import { WrapUp } from './WrapUp.tsx';
import { preload } from '../../util/preload.ts';
import { WhenLoaded } from '../../components/WhenLoaded.tsx';
import './desk.css';
import './console.css';

const WRAP_UP_CALL_KEY = 'sign-relay.deskWrapUpCall';

// The call carries the WebRTC code: fetched once the desk is open, so accepting a call never waits for it.
const deskCall = preload(() => import('./DeskCall.tsx'));

function LastCallNotice({ last }: { last: LastCall }): ReactElement {
  const { t } = useTranslation();
  const text = last.transferredTo ? t('desk.handedOver', { name: last.transferredTo }) : last.reason === 'failed' ? t('failed.title') : t(`ended.reason.${last.reason}`);
  return (
    <p className="notice notice--neutral" data-testid="call-ended" data-reason={last.reason} role="status">
      <Icon name={last.transferredTo ? 'transfer' : 'hangup'} className="notice__icon" />
      <span>
        <strong>{t('desk.lastCall')}</strong> {text}
      </span>
    </p>
  );
}

/** The interpreter's desk: status, the ring, the call, wrap-up and today's calls. */
export function Desk({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  const { socket, connected } = useSignaling(auth);
  const desk = useDesk(socket);
  const callbacks = useCallbackList(auth);
  const { call } = desk;
  const view = deskView(desk.desk, desk.offer !== null, call !== null);
  const fast = view.panel === 'offered' || view.panel === 'wrap-up';
  const now = useNow(fast ? 250 : 1000);
  const [todayVersion, setTodayVersion] = useState(0);
  /** The chats on the desk now: their unfiled forms are in their own cards, not in the list of forms to finish. */
  const [chatsShown, setChatsShown] = useState<readonly string[]>([]);
  /** The desk's text chats in brief: a desk taking chats is not "offline", and its chat rings ring too. */
  const [chats, setChats] = useState<DeskChatSummary | null>(null);
  const chatsOn = chats?.taking ?? false;
  const offered = desk.offer?.offer ?? null;
  const rings = useMemo(() => deskRings(offered, chats?.ringing ?? []), [offered, chats?.ringing]);

  useEffect(() => {
    deskCall.load().catch(() => undefined); // a failure shows (with a retry) when a call comes
  }, []);

  // Today's list changes when a call ends (wrap-up follows every call this desk took).
  const state = desk.desk?.state;
  const previousState = useRef(state);
  useEffect(() => {
    if (state === 'wrap-up' && previousState.current !== 'wrap-up') setTodayVersion((v) => v + 1);
    previousState.current = state;
  }, [state]);
  useEffect(() => {
    if (desk.lastCall) setTodayVersion((v) => v + 1);
  }, [desk.lastCall]);

  // The tab title says what matters, and blinks (once a second) while a call or a text chat rings.
  const ringing = view.panel === 'offered';
  const tick = Math.floor(now / 1000) % 2 === 0;
  const titleRings = ringing || (chats?.ringing.length ?? 0) > 0;
  const stateWord = view.panel === 'offline' && chatsOn ? t('deskRing.chatsTaking') : t(`interpreterState.${view.panel}`);
  useEffect(() => {
    document.title = titleRings && tick ? `【${t(ringing ? 'offer.title' : 'deskChat.offerTitle')}】` : `${stateWord} · ${t('desk.title')}`;
  }, [titleRings, ringing, tick, stateWord, t]);

  const since = desk.desk?.since ?? desk.deskReceivedAt;
  const wrapDeadline = desk.desk && view.panel === 'wrap-up' ? wrapUpDeadline(desk.desk, desk.deskReceivedAt) : null;

  // While a call rings the offer comes first; during a call the switch is not needed (finish the call first).
  const statusSwitch = <StatusSwitch pressed={view.pressed} enabled={view.canChangeStatus && connected} breakReason={desk.desk?.breakReason ?? null} busy={desk.busy} onSet={desk.setStatus} chatsOn={chatsOn} />;
  const switchFirst = view.panel !== 'offered' && view.panel !== 'in-call';

  // Wrap-up records the outcome on the call just ended: its id outlives the call (and a reload, in the tab).
  // The tab's storage holds the id as the server gave it.
  const [wrapUpCall, setWrapUpCall] = useState<CallId | null>(() => session.get(WRAP_UP_CALL_KEY) as CallId | null);
  const callId = call?.callId ?? null;
  useEffect(() => {
    if (!callId) return;
    session.set(WRAP_UP_CALL_KEY, callId);
    setWrapUpCall(callId);
  }, [callId]);
  const wrapUpRef = useMemo(() => (wrapUpCall ? { kind: 'call' as const, callId: wrapUpCall } : null), [wrapUpCall]);
  const ready = (): void => {
    session.remove(WRAP_UP_CALL_KEY);
    desk.setStatus('available');
  };

  // In a call the desk is a console: one screen that never scrolls (at 1280×800 and up), the picture always in view.
  const inConsole = view.panel === 'in-call' && call !== null && socket !== null;

  const signOut = async (): Promise<void> => {
    await desk.signOff();
    await auth.logout();
  };

  return (
    <div className={`desk${ringing ? ' desk--ringing' : ''}${inConsole ? ' desk--console' : ''}`} data-testid="desk" data-console={inConsole}>
      <header className="desk__head">
        <h1 className="desk__title">
          <Icon name="headset" /> {t('desk.title')}
        </h1>
        <CallbackCount list={callbacks} />
        <SignedIn name={user.displayName} onSignOut={() => void signOut()} disabled={view.panel === 'in-call'} />
      </header>
      <DeskStateBadge panel={view.panel} elapsedSec={elapsedSec(since, now)} breakReason={desk.desk?.breakReason ?? null} chats={chatsOn && chats ? chats : null} />
      {socket && !connected && <ConnectionStatus state="reconnecting" />}
      {desk.error && (
        <p className="notice notice--error" data-testid="desk-error" data-error={desk.error} role="alert">
          <Icon name="warning" className="notice__icon" />
          <span>{t(`errors.${desk.error}`)}</span>
        </p>
      )}
      {view.missedOffers && (
        <div className="notice notice--alarm notice--big" data-testid="missed-offers-notice" role="alert">
          <Icon name="warning" className="notice__icon" />
          <div className="notice__body">
            <p className="notice__title">{t('desk.missedTitle', { count: Math.max(desk.desk?.missedOffers ?? 0, QUEUE_RULES.missedOffersForBreak) })}</p>
            <p>{t('desk.missedBody')}</p>
          </div>
          <button type="button" className="button button--primary" data-testid="missed-offers-available" onClick={() => desk.setStatus('available')}>
            <Icon name="check" />
            <span>{t('desk.setAvailable')}</span>
          </button>
        </div>
      )}
      {switchFirst && statusSwitch}
      {desk.lastCall && view.panel !== 'in-call' && <LastCallNotice last={desk.lastCall} />}
      {desk.offerEnded && view.panel !== 'offered' && view.panel !== 'in-call' && (
        <p className="notice notice--warn" data-testid="offer-ended" data-why={desk.offerEnded} role="status">
          <Icon name="bell" className="notice__icon" />
          <span>{t(`offer.ended.${desk.offerEnded}`)}</span>
        </p>
      )}
      <div className="desk__main">
        {view.panel === 'offered' && desk.offer && (
          <OfferCard offer={desk.offer.offer} receivedAt={desk.offer.receivedAt} now={now} busy={desk.busy} onAccept={desk.accept} onDecline={desk.decline} />
        )}
        {view.panel === 'in-call' && call && socket && (
          <WhenLoaded source={deskCall}>
            {({ DeskCall }) => <DeskCall key={call.callId} socket={socket} call={call} desk={desk.desk} onOver={desk.callOver} />}
          </WhenLoaded>
        )}
        {view.panel === 'wrap-up' && <WrapUp socket={socket} callRef={wrapUpRef} leftSec={wrapDeadline === null ? null : remainingSec(wrapDeadline, now)} busy={desk.busy} onReady={ready} />}
        {(view.panel === 'available' || view.panel === 'break' || view.panel === 'offline') && (
          <section className={`panel idle idle--${view.panel}`} aria-labelledby="idle-title">
            <Icon name={view.panel === 'available' ? 'hourglass' : view.panel === 'break' ? 'coffee' : chatsOn ? 'chat' : 'power'} className={`idle__icon${view.panel === 'available' ? ' idle__icon--breathe' : ''}`} />
            <h2 id="idle-title">{view.panel === 'offline' && chatsOn ? t('deskRing.idleChats') : t(`desk.idle.${view.panel}`)}</h2>
            <p className="hint">{view.panel === 'offline' && chatsOn ? t('deskRing.idleChatsHint') : t(`desk.idleHint.${view.panel}`)}</p>
          </section>
        )}
        {(view.panel === 'available' || view.panel === 'break' || view.panel === 'offline') && socket && connected && <PendingDrafts socket={socket} hide={chatsShown} />}
        {(view.panel === 'available' || view.panel === 'break' || view.panel === 'offline') && <CallbackPanel list={callbacks} user={user} socket={connected ? socket : null} />}
      </div>
      {view.panel === 'offered' && statusSwitch}
      <DeskChatPanel socket={socket} connected={connected} inConsole={inConsole} onShown={setChatsShown} onSummary={setChats} />
      <div className="desk__today" hidden={inConsole}>
        <TodayCalls auth={auth} version={todayVersion} />
      </div>
      <RingSettings rings={rings} hidden={inConsole} />
    </div>
  );
}
