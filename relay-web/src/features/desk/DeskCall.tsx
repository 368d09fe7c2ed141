import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { Colleague, DeskState } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import { CallChat } from '../chat/CallChat.tsx';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { NO_TRANSFER, TransferPanel } from './TransferPanel.tsx';
import type { TransferState } from './TransferPanel.tsx';
import type { DeskCall as DeskCallModel, DeskCallEnd } from './useDesk.ts';

/** A colleague in these states has not taken the transfer (declined, or it rang out). */
const NOT_TAKEN: ReadonlySet<Colleague['state']> = new Set(['available', 'break', 'offline', 'wrap-up']);
const POLL_MS = 2_000;
/** After a transfer was accepted, how long to wait for the colleague to join before leaving anyway. */
const COLLEAGUE_JOIN_WAIT_MS = 15_000;

interface Props {
  socket: SignalingSocket;
  call: DeskCallModel;
  desk: DeskState | null;
  onOver: (reason: DeskCallEnd, transferredTo: string | null) => void;
}

/**
 * The interpreter's call, embedded in the desk, with what the caller chose and the transfer. Memoised: the
 * desk re-renders every second for its clocks, the call only when its own inputs change.
 */
export const DeskCall = memo(function DeskCall({ socket, call, desk, onOver }: Props): ReactElement {
  const { t } = useTranslation();
  const { snapshot, controls, leave } = useCallSession(socket, call.callId, 'interpreter');
  const [transfer, setTransfer] = useState<TransferState>(NO_TRANSFER);
  const transferRef = useRef(transfer);
  transferRef.current = transfer;
  const { phase, endReason } = snapshot;

  useEffect(() => {
    if (phase === 'ended' && endReason) onOver(endReason, endReason === 'left' ? (transferRef.current.pending?.name ?? null) : null);
    if (phase === 'failed') onOver('failed', null);
  }, [phase, endReason, onOver]);

  const loadColleagues = useCallback(async (): Promise<Colleague[] | null> => {
    try {
      const colleagues = await request(socket, 'desk:colleagues', {});
      setTransfer((s) => ({ ...s, colleagues }));
      return colleagues;
    } catch (error) {
      setTransfer((s) => ({ ...s, error: errorCodeOf(error) }));
      return null;
    }
  }, [socket]);

  // The list stays current while it is open or a transfer rings; a colleague back to available has not taken it.
  const watching = transfer.open || transfer.pending !== null;
  useEffect(() => {
    if (!watching) return;
    void loadColleagues();
    const timer = setInterval(() => {
      void loadColleagues().then((list) => {
        const pending = transferRef.current.pending;
        if (!pending || !list) return;
        const target = list.find((c) => c.userId === pending.userId);
        const rangOut = Date.now() - pending.since > QUEUE_RULES.offerTimeoutMs + 3 * POLL_MS;
        if (!target || NOT_TAKEN.has(target.state) || rangOut) setTransfer((s) => ({ ...s, pending: null, failedName: pending.name }));
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [watching, loadColleagues]);

  // The colleague took the call: our desk goes to wrap-up, and once they are in the call we leave it to
  // them (not hang up). Leaving before they join would end the call, so their arrival is waited for, briefly.
  const accepted = transfer.pending !== null && desk?.state === 'wrap-up';
  const colleagueIn = snapshot.remotePeers.some((p) => p.role !== 'caller');
  useEffect(() => {
    if (!accepted) return;
    if (colleagueIn) {
      void leave();
      return;
    }
    const timer = setTimeout(() => void leave(), COLLEAGUE_JOIN_WAIT_MS);
    return () => clearTimeout(timer);
  }, [accepted, colleagueIn, leave]);

  const pick = (c: Colleague): void => {
    setTransfer((s) => ({ ...s, pending: { userId: c.userId, name: c.displayName, since: Date.now() }, failedName: null, error: null, open: false }));
    request(socket, 'desk:transfer', { toUserId: c.userId }).catch((error: unknown) => setTransfer((s) => ({ ...s, pending: null, error: errorCodeOf(error) })));
  };

  const offer = call.offer;
  const aside = (
    <>
      {offer && (
        <section className="panel call-info" aria-labelledby="call-info-title">
          <h2 id="call-info-title">{t('desk.callInfo')}</h2>
          <p className="cell-icon">
            <TopicPictogram topic={offer.topic} />
            <span>{offer.topic ? t(`topics.${offer.topic}.name`) : t('offer.noTopic')}</span>
          </p>
          <p className="cell-icon">
            <Icon name={offer.channel === 'kiosk' ? 'kiosk' : 'web'} />
            <span>{offer.channel === 'kiosk' ? t('channel.kioskId', { id: offer.kioskId ?? '?' }) : t('channel.web')}</span>
          </p>
        </section>
      )}
      <TransferPanel
        state={transfer}
        onOpen={() => setTransfer((s) => ({ ...s, open: true, error: null }))}
        onClose={() => setTransfer((s) => ({ ...s, open: false }))}
        onPick={pick}
      />
    </>
  );

  // The picture matters most: bring the call to the top of the screen (the desk's heading scrolls away).
  const top = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // In braces: newer browsers return a promise from scrollIntoView, and an effect may return only a cleanup.
    top.current?.scrollIntoView({ block: 'start' });
  }, []);

  return (
    <div ref={top} className="desk-call">
      <CallView snapshot={snapshot} controls={controls} aside={aside} chat={<CallChat socket={socket} callId={call.callId} me="staff" />} />
    </div>
  );
});
