import { useEffect } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallId } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import type { SessionEndReason, SessionFailure } from '../../media/CallSession.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { CaseNoticesPanel } from '../caseReceipt/CaseNoticesPanel.tsx';
import type { CaseNotices } from '../caseReceipt/useCaseNotices.ts';
import { CallChat } from '../chat/CallChat.tsx';
import { videoFromChat } from '../chat/chatStorage.ts';

interface Props {
  socket: SignalingSocket;
  callId: CallId;
  onEnded: (reason: SessionEndReason) => void;
  onFailed: (failure: SessionFailure) => void;
  /** The read-back to confirm and this visit's receipts, shown beside (or under) the picture, above the chat. */
  cases: CaseNotices;
}

/** The caller's side of the call the queue connected them to; the flow decides what follows its end. */
export function CallerCall({ socket, callId, onEnded, onFailed, cases }: Props): ReactElement {
  const { t } = useTranslation();
  const { snapshot, controls } = useCallSession(socket, callId, 'caller');
  const { phase, endReason, failure } = snapshot;

  useEffect(() => {
    if (phase === 'ended' && endReason) onEnded(endReason);
    if (phase === 'failed') onFailed(failure ?? 'INTERNAL');
  }, [phase, endReason, failure, onEnded, onFailed]);

  return (
    <>
      <h1 className="visually-hidden">{t('caller.title')}</h1>
      <CallView
        snapshot={snapshot}
        controls={controls}
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
