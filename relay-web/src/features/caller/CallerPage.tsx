/**
 * `/`: the caller's whole way, driven by {@link callerReducer}. The signaling connection opens when the
 * caller joins the line (or comes back to a stored place after a reload) and stays for the page's life.
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CallId, EntryId, QueueStatus } from '@sign-relay/shared';
import { session } from '../../auth/TokenSource.ts';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { Icon } from '../../components/Icon.tsx';
import type { SessionEndReason, SessionFailure } from '../../media/callSnapshot.ts';
import { asRequestErrorCode, errorCodeOf, request } from '../../signaling/socket.ts';
import { AfterCall } from './AfterCall.tsx';
import { callerReducer, initialStep, resumedEvent, storedEntryOf } from './callerFlow.ts';
import type { CallerStep } from './callerFlow.ts';
import { QUEUE_ENTRY_KEY, readStoredEntry } from './queueEntryStorage.ts';
import { ConnectedAlert } from './ConnectedAlert.tsx';
import { PreferencesScreen } from './PreferencesScreen.tsx';
import { StartScreen } from './StartScreen.tsx';
import { TopicScreen } from './TopicScreen.tsx';
import { useGuestSignaling } from './useGuestSignaling.ts';
import { preload } from '../../util/preload.ts';
import { WhenLoaded } from '../../components/WhenLoaded.tsx';
import { useVisitHold } from '../../surface/surface.ts';
import { storeVideoFromChat } from '../../chat/chatStorage.ts';
import { useCaseNotices } from '../caseReceipt/useCaseNotices.ts';
import { useCallRecord } from '../afterCall/useCallRecord.ts';
import { WaitingScreen } from './WaitingScreen.tsx';
import { cameraReport, useCameraCheck } from '../cameraCheck/useCameraCheck.ts';
import { useServiceStatus } from '../entry/useServiceStatus.ts';
import './caller.css';
import './waitingScreen.css';
import './connectedAlert.css';

// The call screen carries the WebRTC code; loading it on demand keeps the first screens light on phones.
// It is fetched while the caller waits in line, so an answered call starts without waiting for it.
const callerCall = preload(() => import('./CallerCall.tsx'));

/** Steps that need the server. */
const ONLINE_STEPS: ReadonlySet<CallerStep['step']> = new Set(['joining', 'resuming', 'waiting', 'in-call']);
/** Steps that show the caller's own camera: it is checked before joining and kept in view while waiting. */
const CAMERA_STEPS: ReadonlySet<CallerStep['step']> = new Set(['preferences', 'joining', 'resuming', 'join-failed', 'waiting']);

export function CallerPage(): ReactElement {
  const { t } = useTranslation();
  const [step, dispatch] = useReducer(callerReducer, undefined, () => initialStep(readStoredEntry(), Date.now()));
  const signaling = useGuestSignaling(ONLINE_STEPS.has(step.step));
  const { socket, connected } = signaling;
  // The read-back and receipts outlive the call screen: the after-call screen lists this visit's case numbers.
  const cases = useCaseNotices(socket);
  // The latest call's interpreter, length, cases and conversation, for the summary after it (in memory only).
  const callRecord = useCallRecord(socket, step, cases.receipts);
  const camera = useCameraCheck(CAMERA_STEPS.has(step.step));
  const cameraRef = useRef(camera.state);
  cameraRef.current = camera.state;
  const service = useServiceStatus();
  const navigate = useNavigate();
  // On a kiosk: waiting in line is not idleness (only a wait untouched for 30 minutes gives the place up); a call
  // is never cut short.
  useVisitHold(ONLINE_STEPS.has(step.step), step.step === 'in-call' ? 'call' : 'line', () => (socket ? request(socket, 'queue:leave', {}, 3_000) : Promise.resolve()));

  // The place in line survives a reload of this tab.
  const stored = storedEntryOf(step);
  const storedJson = stored ? JSON.stringify(stored) : null;
  useEffect(() => {
    if (storedJson) session.set(QUEUE_ENTRY_KEY, storedJson);
    else session.remove(QUEUE_ENTRY_KEY);
  }, [storedJson]);

  useEffect(() => {
    if (step.step === 'start' || step.step === 'topic' || step.step === 'preferences') document.title = t('app.name');
  }, [step.step, t]);

  // Live news about our place in line.
  useEffect(() => {
    if (!socket) return;
    const onStatus = (status: QueueStatus): void => dispatch({ type: 'status', status });
    const onConnected = (p: { entryId: EntryId; callId: CallId }): void => dispatch({ type: 'connected', entryId: p.entryId, callId: p.callId, at: Date.now() });
    const onRequeued = (status: QueueStatus): void => {
      dispatch({ type: 'requeued', status });
      // This connection may be a newer one than the one that joined: bind it to the entry for live updates.
      void request(socket, 'queue:resume', { entryId: status.entryId }).then((r) => dispatch(resumedEvent(r, 'status', Date.now())), () => undefined);
    };
    const onLeft = (p: { entryId: EntryId; reason: 'left' | 'lost' }): void => dispatch({ type: 'left', entryId: p.entryId, reason: p.reason });
    socket.on('queue:status', onStatus);
    socket.on('queue:connected', onConnected);
    socket.on('queue:requeued', onRequeued);
    socket.on('queue:left', onLeft);
    return () => {
      socket.off('queue:status', onStatus);
      socket.off('queue:connected', onConnected);
      socket.off('queue:requeued', onRequeued);
      socket.off('queue:left', onLeft);
    };
  }, [socket]);

  // Joining the line, once per press of "join".
  const joinStarted = useRef<CallerStep | null>(null);
  useEffect(() => {
    if (step.step !== 'joining' || !socket || joinStarted.current === step) return;
    joinStarted.current = step;
    // Joined from the first screen, not from a text chat: no earlier chat belongs with this call.
    storeVideoFromChat(null);
    const cameraState = cameraReport(cameraRef.current);
    request(socket, 'queue:join', {
      ...(cameraState ? { camera: cameraState } : {}),
      ...(step.topic ? { topic: step.topic } : {}),
      ...(step.gender !== 'any' ? { preferredGender: step.gender } : {}),
    }).then(
      (status) => dispatch({ type: 'joined', status }),
      (error: unknown) => dispatch({ type: 'join-failed', code: errorCodeOf(error) }),
    );
  }, [step, socket]);

  // A token that could not be had fails the join in words.
  useEffect(() => {
    if (signaling.tokenError && step.step === 'joining') dispatch({ type: 'join-failed', code: signaling.tokenError });
    if (signaling.tokenError && step.step === 'resuming') dispatch({ type: 'resume-failed' });
  }, [signaling.tokenError, step.step]);

  // A connection the server refused (too many open for this caller or this network) fails the join in words,
  // instead of leaving the caller on "joining" with nothing happening.
  const refused = signaling.refused;
  useEffect(() => {
    if (!refused) return;
    if (step.step === 'joining') dispatch({ type: 'join-failed', code: asRequestErrorCode(refused) });
    if (step.step === 'resuming') dispatch({ type: 'resume-failed' });
  }, [refused, step.step]);

  // After a reload: take the stored place up again.
  const resumeStarted = useRef<CallerStep | null>(null);
  useEffect(() => {
    if (step.step !== 'resuming' || !socket || resumeStarted.current === step) return;
    resumeStarted.current = step;
    // Answered while away (the page reloaded as the call was put through): the answer names the call to join.
    request(socket, 'queue:resume', { entryId: step.entryId }).then(
      (r) => dispatch(resumedEvent(r, 'joined', Date.now())),
      () => dispatch({ type: 'resume-failed' }),
    );
  }, [step, socket]);

  // A dropped connection that comes back takes the place up again: the server binds live updates per connection.
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    if (!socket) return;
    const onReconnect = (): void => {
      const current = stepRef.current;
      if (current.step !== 'waiting') return;
      const { entryId: id } = current;
      request(socket, 'queue:resume', { entryId: id }).then(
        (r) => dispatch(resumedEvent(r, 'status', Date.now())),
        (error: unknown) => {
          if (errorCodeOf(error) === 'NOT_FOUND') dispatch({ type: 'left', entryId: id, reason: 'lost' });
        },
      );
    };
    socket.on('connect', onReconnect);
    return () => {
      socket.off('connect', onReconnect);
    };
  }, [socket]);

  const leave = (): void => {
    if (!socket || step.step !== 'waiting') return;
    const current = step.entryId;
    dispatch({ type: 'leave' });
    request(socket, 'queue:leave', {}).then(
      () => dispatch({ type: 'left', entryId: current, reason: 'left' }),
      (error: unknown) => {
        if (errorCodeOf(error) === 'NOT_FOUND') dispatch({ type: 'left', entryId: current, reason: 'left' });
        else dispatch({ type: 'leave-failed' });
      },
    );
  };

  // "Use text instead": the place is given up first (a kept place would be offered to an interpreter for nothing).
  const toText = (): void => {
    const go = (): void => {
      session.remove(QUEUE_ENTRY_KEY);
      void navigate('/chat', { state: { start: true } });
    };
    if (!socket || step.step !== 'waiting') return go();
    dispatch({ type: 'leave' });
    request(socket, 'queue:leave', {}, 5_000).then(go, go);
  };

  const inLine = step.step === 'waiting';
  useEffect(() => {
    if (inLine) callerCall.load().catch(() => undefined); // a failure shows (with a retry) when the call comes
  }, [inLine]);

  const onEnded = useCallback((reason: SessionEndReason) => dispatch({ type: 'call-ended', reason }), []);
  const onFailed = useCallback((failure: SessionFailure) => dispatch({ type: 'call-failed', failure }), []);

  switch (step.step) {
    case 'start':
      return <StartScreen onStart={() => dispatch({ type: 'start' })} />;
    case 'topic':
      return <TopicScreen onPick={(topic) => dispatch({ type: 'pick-topic', topic })} onBack={() => dispatch({ type: 'back' })} />;
    case 'preferences':
      return (
        <PreferencesScreen
          topic={step.topic}
          gender={step.gender}
          onGender={(gender) => dispatch({ type: 'pick-gender', gender })}
          onJoin={() => dispatch({ type: 'join' })}
          onBack={() => dispatch({ type: 'back' })}
          camera={camera}
        />
      );
    case 'joining':
    case 'resuming':
      return (
        <section className="flow" aria-labelledby="joining-title">
          <h1 id="joining-title">{step.step === 'joining' ? t('queue.joining') : t('queue.resuming')}</h1>
          <ConnectionStatus state="joining" />
        </section>
      );
    case 'join-failed':
      return (
        <section className="flow" aria-labelledby="join-failed-title">
          <h1 id="join-failed-title">{t('queue.joinFailed')}</h1>
          <p className="notice notice--error" data-testid="queue-join-error" data-error={step.code} role="alert">
            <Icon name="warning" className="notice__icon" />
            <span className="notice__body">{t(step.code === 'RATE_LIMITED' && signaling.refused === 'RATE_LIMITED' ? 'queue.tooManyConnections' : `errors.${step.code}`)}</span>
          </p>
          <div className="flow__actions">
            <button type="button" className="button button--quiet" onClick={() => dispatch({ type: 'home' })}>
              <Icon name="home" />
              <span>{t('after.home')}</span>
            </button>
            <button
              type="button"
              className="button button--primary button--large"
              data-testid="queue-join-retry"
              onClick={() => {
                if (signaling.tokenError) signaling.retry();
                if (signaling.refused) signaling.reconnect();
                dispatch({ type: 'join' });
              }}
            >
              <Icon name="sync" />
              <span>{t('queue.retry')}</span>
            </button>
          </div>
        </section>
      );
    case 'waiting':
      return (
        <WaitingScreen
          status={step.status}
          requeued={step.requeued}
          leaving={step.leaving}
          offline={socket !== null && !connected}
          onLeave={leave}
          camera={camera}
          textOpen={service.status ? service.status.text.open : true}
          onText={toText}
        />
      );
    case 'in-call':
      return (
        <>
          <ConnectedAlert since={step.connectedAt} />
          {socket ? (
            <WhenLoaded source={callerCall}>
              {({ CallerCall }) => <CallerCall key={step.callId} socket={socket} callId={step.callId} onEnded={onEnded} onFailed={onFailed} cases={cases} onFacts={callRecord.note} />}
            </WhenLoaded>
          ) : (
            <ConnectionStatus state="joining" />
          )}
        </>
      );
    case 'over':
      return <AfterCall outcome={step.outcome} onAgain={() => dispatch({ type: 'again' })} onHome={() => dispatch({ type: 'home' })} cases={cases} record={callRecord.record} />;
  }
}
