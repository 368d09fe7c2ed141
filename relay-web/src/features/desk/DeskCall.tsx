import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { Colleague, DeskState } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import { lastSeq, unreadCount } from '../../chat/chatMessages.ts';
import { ChatThread } from '../../chat/ChatThread.tsx';
import { useChatSession } from '../../chat/useChatSession.ts';
import { CallerDetails } from '../cases/CallerDetails.tsx';
import { CaseForm } from '../cases/CaseForm.tsx';
import { readBackView } from '../cases/ReadBackStatus.tsx';
import { useCaseWorkspace } from '../cases/useCaseWorkspace.ts';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { NO_TRANSFER, TransferPanel } from './TransferPanel.tsx';
import type { TransferState } from './TransferPanel.tsx';
import { ConsoleTabs } from './ConsoleTabs.tsx';
import { CallerCameraNotice } from './CallerCameraNotice.tsx';
import type { ConsolePane, TabBadge } from './ConsoleTabs.tsx';
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
 * The interpreter's call as a console: the caller's picture in its own column with the controls beneath it,
 * and beside it the case form (first), the call's chat, the caller's details and the hand-over as tabs.
 * Memoised: the desk re-renders every second for its clocks, the call only when its own inputs change.
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
    setTransfer((s) => ({ ...s, pending: { userId: c.userId, name: c.displayName, since: Date.now() }, failedName: null, error: null }));
    request(socket, 'desk:transfer', { toUserId: c.userId }).catch((error: unknown) => setTransfer((s) => ({ ...s, pending: null, error: errorCodeOf(error) })));
  };

  // The console beside the video: one pane at a time, the case form first. The hand-over list is polled only
  // while its pane is open (or a transfer rings).
  const [pane, setPaneState] = useState<ConsolePane>('case');
  const setPane = useCallback((p: ConsolePane) => {
    setPaneState(p);
    setTransfer((s) => ({ ...s, open: p === 'transfer', error: p === 'transfer' ? null : s.error }));
  }, []);

  const ref = useMemo(() => ({ kind: 'call' as const, callId: call.callId }), [call.callId]);
  const kase = useCaseWorkspace(socket, ref);
  const chat = useChatSession({ socket, source: { kind: 'call', callId: call.callId }, me: 'staff' });
  const [seenSeq, setSeenSeq] = useState(0);
  const latest = lastSeq(chat.messages);
  useEffect(() => {
    if (pane === 'chat') setSeenSeq(latest);
  }, [pane, latest]);
  const unread = pane === 'chat' ? 0 : unreadCount(chat.messages, 'staff', seenSeq);

  const badges: Partial<Record<ConsolePane, TabBadge>> = {};
  if (unread > 0) badges.chat = { text: String(unread), alert: true, label: t('chat.unread', { count: unread }) };
  else if (pane !== 'chat' && chat.otherTyping) badges.chat = { text: '…', alert: false, label: t('chat.typing', { name: t('role.caller') }) };
  if (transfer.pending) badges.transfer = { text: '…', alert: true, label: t('transfer.ringing', { name: transfer.pending.name }) };
  // The caller's answer to the read-back shows on the case tab while another pane is open.
  const answer = readBackView(kase.readBack);
  if (answer === 'change') badges.case = { text: '!', alert: true, label: t('cases.console.changeAsked') };
  else if (answer === 'correct') badges.case = { text: '✓', alert: false, label: t('cases.console.confirmed') };
  else if (kase.filedHere.length > 0) badges.case = { text: '✓', alert: false, label: t('cases.earlier.here') };

  const id = `console-${call.callId}`;
  const paneProps = (p: ConsolePane) => ({ id: `${id}-pane-${p}`, role: 'tabpanel', 'aria-labelledby': `${id}-tab-${p}`, hidden: pane !== p, className: `console-pane console-pane--${p}`, 'data-testid': `console-pane-${p}` });
  const side = (
    <section className="console-tools" aria-label={t('cases.console.label')}>
      <ConsoleTabs idPrefix={id} pane={pane} onPane={setPane} badges={badges} chatUnread={unread} />
      <div {...paneProps('case')}>
        <CaseForm model={kase} idPrefix={`${id}-case`} />
      </div>
      <div {...paneProps('chat')}>
        <h2 className="visually-hidden">{t('chat.inCallTitle')}</h2>
        <ChatThread chat={chat} label={t('chat.inCallTitle')} otherName={t('role.caller')} compact />
      </div>
      <div {...paneProps('caller')}>
        <h2 className="console-pane__title">
          <Icon name="person" /> {t('cases.caller.title')}
        </h2>
        <CallerDetails context={kase.context} filedHere={kase.filedHere} />
      </div>
      <div {...paneProps('transfer')}>
        <TransferPanel state={transfer} onOpen={() => setPane('transfer')} onClose={() => setPane('case')} onPick={pick} embedded />
      </div>
    </section>
  );

  return (
    <div className="desk-call">
      <CallView snapshot={snapshot} controls={controls} aside={side} variant="console" />
      <CallerCameraNotice camera={call.offer?.camera} snapshot={snapshot} />
    </div>
  );
});
