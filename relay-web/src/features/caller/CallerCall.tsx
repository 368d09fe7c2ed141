import { useEffect, useMemo } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallId } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import type { SessionEndReason, SessionFailure } from '../../media/CallSession.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { CaseNoticesPanel } from '../caseReceipt/CaseNoticesPanel.tsx';
import type { CaseNotices } from '../caseReceipt/useCaseNotices.ts';
import { CallChat } from '../../chat/CallChat.tsx';
import { videoFromChat } from '../../chat/chatStorage.ts';
import type { CallFacts } from '../afterCall/callRecord.ts';

interface Props {
  socket: SignalingSocket;
  callId: CallId;
  onEnded: (reason: SessionEndReason) => void;
  onFailed: (failure: SessionFailure) => void;
  /** The read-back to confirm and this visit's receipts, shown beside (or under) the picture, above the chat. */
  cases: CaseNotices;
  /** For the summary after the call: the interpreters' names as they join, and that the caller hung up here. */
  onFacts?: (facts: Partial<CallFacts>) => void;
}

/** The caller's side of the call the queue connected them to; the flow decides what follows its end. */
export function CallerCall({ socket, callId, onEnded, onFailed, cases, onFacts }: Props): ReactElement {
  const { t } = useTranslation();
  const { snapshot, controls } = useCallSession(socket, callId, 'caller');
  const { phase, endReason, failure } = snapshot;

  const names = snapshot.remotePeers.filter((p) => p.role === 'interpreter' || p.role === 'interpreter2').map((p) => p.displayName.trim()).filter((n) => n.length > 0);
  const namesKey = names.join('\n');
  useEffect(() => {
    if (namesKey) onFacts?.({ interpreterNames: namesKey.split('\n') });
  }, [namesKey, onFacts]);
  // Told before the hang-up goes out, so the summary can say who ended the call.
  const callerControls = useMemo(
    () => ({
      ...controls,
      hangup: () => {
        onFacts?.({ hungUpHere: true });
        controls.hangup();
      },
    }),
    [controls, onFacts],
  );

  useEffect(() => {
    if (phase === 'ended' && endReason) onEnded(endReason);
    if (phase === 'failed') onFailed(failure ?? 'INTERNAL');
  }, [phase, endReason, failure, onEnded, onFailed]);

  return (
    <>
      <h1 className="visually-hidden">{t('caller.title')}</h1>
      <CallView
        snapshot={snapshot}
        controls={callerControls}
        chat={
          <>
            <CaseNoticesPanel notices={cases} placement="aside" />
            <CallChat socket={socket} callId={callId} me="guest" fromChat={videoFromChat() ?? undefined} />
          </>
        }
      />
    </>
  );
}
