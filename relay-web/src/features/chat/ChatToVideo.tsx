import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallId, ChatSessionId, EntryId, QueueStatus } from '@sign-relay/shared';
import { session } from '../../auth/TokenSource.ts';
import { Icon } from '../../components/Icon.tsx';
import { asServiceTopic } from '../../components/TopicPictogram.tsx';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../../signaling/socket.ts';
import { QUEUE_ENTRY_KEY } from '../caller/queueEntryStorage.ts';
import { WaitingScreen } from '../caller/WaitingScreen.tsx';
import { useCameraCheck } from '../cameraCheck/useCameraCheck.ts';
import { storeVideoFromChat } from '../../chat/chatStorage.ts';

type State =
  | { kind: 'idle'; left: boolean }
  | { kind: 'joining' }
  | { kind: 'waiting'; entryId: EntryId; status: QueueStatus | null; leaving: boolean }
  | { kind: 'failed'; code: RequestErrorCode };

/** A place in the video line kept from before a reload of the chat page. */
function storedWait(): EntryId | null {
  try {
    const parsed = JSON.parse(session.get(QUEUE_ENTRY_KEY) ?? 'null') as { entryId?: unknown; callId?: unknown } | null;
    return typeof parsed?.entryId === 'string' && !parsed.callId ? (parsed.entryId as EntryId) : null;
  } catch {
    return null;
  }
}

interface Props {
  socket: SignalingSocket;
  /** This text chat: the video call shows what was written in it. */
  sessionId: ChatSessionId;
  /** The chat's topic, carried into the video line. */
  topic: string | null;
  /** An interpreter answered the video call: the call page takes over (the place is stored for it). */
  onConnected: (callId: CallId) => void;
}

/**
 * "Switch to a video call" from the text chat (while video is open): joins the video line from here, so the
 * chat stays in view while waiting; when an interpreter answers, the call page takes over.
 */
export function ChatToVideo({ socket, sessionId, topic, onConnected }: Props): ReactElement {
  const { t } = useTranslation();
  const [state, setState] = useState<State>(() => {
    const entryId = storedWait();
    return entryId ? { kind: 'waiting', entryId, status: null, leaving: false } : { kind: 'idle', left: false };
  });
  const stateRef = useRef(state);
  stateRef.current = state;
  const connectedRef = useRef(onConnected);
  connectedRef.current = onConnected;

  const entryId = state.kind === 'waiting' ? state.entryId : null;
  // The caller's own camera, checked and shown while they wait, as on the way in from the first screen.
  const camera = useCameraCheck(state.kind === 'waiting');
  useEffect(() => {
    if (entryId) session.set(QUEUE_ENTRY_KEY, JSON.stringify({ entryId, callId: null }));
  }, [entryId]);

  useEffect(() => {
    const current = (): EntryId | null => (stateRef.current.kind === 'waiting' ? stateRef.current.entryId : null);
    const onStatus = (status: QueueStatus): void => setState((s) => (s.kind === 'waiting' && s.entryId === status.entryId ? { ...s, status } : s));
    const onAnswered = (p: { entryId: EntryId; callId: CallId }): void => {
      if (p.entryId !== current()) return;
      session.set(QUEUE_ENTRY_KEY, JSON.stringify({ entryId: p.entryId, callId: p.callId }));
      connectedRef.current(p.callId);
    };
    const onLeft = (p: { entryId: EntryId }): void => {
      if (p.entryId !== current()) return;
      session.remove(QUEUE_ENTRY_KEY);
      setState({ kind: 'idle', left: true });
    };
    // The server binds live updates to a connection: take the place up again after every (re)connection.
    const resume = (): void => {
      const id = current();
      if (!id) return;
      request(socket, 'queue:resume', { entryId: id }).then(
        (r) => {
          // Answered while this connection was down: queue:connected went to the dead one.
          if (r.state === 'connected') onAnswered(r);
          else setState((s) => (s.kind === 'waiting' && s.entryId === id ? { ...s, status: r } : s));
        },
        (error: unknown) => {
          if (errorCodeOf(error) === 'NOT_FOUND') onLeft({ entryId: id });
        },
      );
    };
    socket.on('queue:status', onStatus);
    socket.on('queue:connected', onAnswered);
    socket.on('queue:left', onLeft);
    socket.on('connect', resume);
    if (socket.connected) resume();
    return () => {
      socket.off('queue:status', onStatus);
      socket.off('queue:connected', onAnswered);
      socket.off('queue:left', onLeft);
      socket.off('connect', resume);
    };
  }, [socket]);

  const join = (): void => {
    setState({ kind: 'joining' });
    const chosen = asServiceTopic(topic);
    request(socket, 'queue:join', chosen ? { topic: chosen } : {}).then(
      (status) => {
        storeVideoFromChat(sessionId);
        setState({ kind: 'waiting', entryId: status.entryId, status, leaving: false });
      },
      (error: unknown) => setState({ kind: 'failed', code: errorCodeOf(error) }),
    );
  };

  const leave = (): void => {
    if (state.kind !== 'waiting') return;
    setState({ ...state, leaving: true });
    request(socket, 'queue:leave', {}).then(
      () => {
        session.remove(QUEUE_ENTRY_KEY);
        setState({ kind: 'idle', left: true });
      },
      (error: unknown) => {
        if (errorCodeOf(error) === 'NOT_FOUND') {
          session.remove(QUEUE_ENTRY_KEY);
          setState({ kind: 'idle', left: true });
        } else setState((s) => (s.kind === 'waiting' ? { ...s, leaving: false } : s));
      },
    );
  };

  if (state.kind === 'waiting') {
    return (
      <div className="chat-video-wait">
        <WaitingScreen status={state.status} requeued={false} leaving={state.leaving} offline={!socket.connected} onLeave={leave} camera={camera} />
      </div>
    );
  }
  return (
    <section className="chat-to-video" aria-labelledby="chat-to-video-title">
      <h2 id="chat-to-video-title">
        <Icon name="video" /> {t('chat.toVideoTitle')}
      </h2>
      <p className="hint">{t('chat.toVideoHint')}</p>
      {state.kind === 'idle' && state.left && (
        <p className="notice notice--neutral" role="status">
          <Icon name="logout" className="notice__icon" />
          <span>{t('chat.toVideoLeft')}</span>
        </p>
      )}
      {state.kind === 'failed' && (
        <p className="notice notice--error" role="alert" data-testid="chat-to-video-error" data-error={state.code}>
          <Icon name="warning" className="notice__icon" />
          <span>
            {t('queue.joinFailed')} {t(`errors.${state.code}`)}
          </span>
        </p>
      )}
      <button type="button" className="button button--secondary button--large" data-testid="chat-to-video" onClick={join} disabled={state.kind === 'joining'} aria-busy={state.kind === 'joining'}>
        <Icon name="video" />
        <span>{state.kind === 'joining' ? t('queue.joining') : t('chat.toVideo')}</span>
      </button>
    </section>
  );
}
