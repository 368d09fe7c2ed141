/**
 * The desk's text chats over the signaling connection: the availability switch (`desk:chatStatus`, chosen
 * value kept in sessionStorage and taken up again after every reconnection, since the server closes the
 * seats of a desk whose connection dropped), the offers ringing, accepting and declining, and the chats in
 * progress restored after a reload (`desk:chats`; each chat then loads its own history).
 */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ChatOffer, ChatSessionId } from '@sign-relay/shared';
import { session } from '../../../auth/TokenSource.ts';
import { errorCodeOf, request } from '../../../signaling/socket.ts';
import type { SignalingSocket } from '../../../signaling/socket.ts';
import { VIBRATION, vibrate } from '../../../util/vibrate.ts';
import { deskChatsReducer, initialDeskChats } from './deskChats.ts';
import type { ChatAvailability, DeskChatsState } from './deskChats.ts';

const CHOSEN_KEY = 'sign-relay.deskChatStatus';

export interface DeskChats extends DeskChatsState {
  toggle(): void;
  accept(sessionId: ChatSessionId): void;
  decline(sessionId: ChatSessionId): void;
  close(sessionId: ChatSessionId): void;
  /** A chat's card saw it end. */
  ended(sessionId: ChatSessionId): void;
}

export function useDeskChats(socket: SignalingSocket | null): DeskChats {
  const [state, dispatch] = useReducer(deskChatsReducer, undefined, () => initialDeskChats(session.get(CHOSEN_KEY) === 'available' ? 'available' : 'offline'));
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => session.set(CHOSEN_KEY, state.chosen), [state.chosen]);

  const setStatus = useCallback(
    (status: ChatAvailability) => {
      if (!socket) return;
      dispatch({ type: 'busy', what: 'status' });
      request(socket, 'desk:chatStatus', { status }).then(
        (r) => dispatch({ type: 'status', chosen: status, seats: r.seats }),
        (error: unknown) => dispatch({ type: 'failed', error: errorCodeOf(error) }),
      );
    },
    [socket],
  );

  useEffect(() => {
    if (!socket) return;
    const onOffer = (offer: ChatOffer): void => {
      vibrate(VIBRATION.ring);
      dispatch({ type: 'offer', offer, at: Date.now() });
    };
    const onOfferEnded = (p: { sessionId: ChatSessionId; why: 'declined' | 'timeout' | 'withdrawn' | 'answered' }): void => dispatch({ type: 'offer-ended', sessionId: p.sessionId, why: p.why });
    const onConnect = (): void => {
      // The server closed this desk's seats when the connection dropped: open them again if chosen.
      if (stateRef.current.chosen === 'available') setStatus('available');
      request(socket, 'desk:chats', {}).then(
        (sessions) => dispatch({ type: 'restored', sessions }),
        () => undefined,
      );
    };
    socket.on('desk:chatOffer', onOffer);
    socket.on('desk:chatOfferEnded', onOfferEnded);
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('desk:chatOffer', onOffer);
      socket.off('desk:chatOfferEnded', onOfferEnded);
      socket.off('connect', onConnect);
    };
  }, [socket, setStatus]);

  // A ringing chat keeps being felt on phones and tablets.
  const ringing = state.offers.length > 0;
  useEffect(() => {
    if (!ringing) return;
    const timer = setInterval(() => vibrate(VIBRATION.ring), 2_000);
    return () => clearInterval(timer);
  }, [ringing]);

  const accept = useCallback(
    (sessionId: ChatSessionId) => {
      if (!socket || stateRef.current.busy) return;
      dispatch({ type: 'busy', what: sessionId });
      request(socket, 'desk:chatAccept', { sessionId }).then(
        (r) => dispatch({ type: 'accepted', session: r.session, messages: r.messages }),
        (error: unknown) => dispatch({ type: 'failed', error: errorCodeOf(error), sessionId }),
      );
    },
    [socket],
  );

  const decline = useCallback(
    (sessionId: ChatSessionId) => {
      if (!socket || stateRef.current.busy) return;
      dispatch({ type: 'busy', what: sessionId });
      request(socket, 'desk:chatDecline', { sessionId }).then(
        () => dispatch({ type: 'declined', sessionId }),
        (error: unknown) => dispatch({ type: 'failed', error: errorCodeOf(error), sessionId }),
      );
    },
    [socket],
  );

  const toggle = useCallback(() => setStatus(stateRef.current.chosen === 'available' ? 'offline' : 'available'), [setStatus]);
  const close = useCallback((sessionId: ChatSessionId) => dispatch({ type: 'close', sessionId }), []);
  const ended = useCallback((sessionId: ChatSessionId) => dispatch({ type: 'ended', sessionId }), []);

  return { ...state, toggle, accept, decline, close, ended };
}
