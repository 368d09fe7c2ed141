/**
 * The interpreter's desk over the signaling connection: the server's desk state, the offer ringing, the
 * call accepted, and the actions (status, accept, decline). The chosen status and the call in progress
 * are kept in sessionStorage, so a reload or a dropped connection puts the desk back as it was.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallId, DeskOffer, DeskState, EntryId } from '@sign-relay/shared';
import { session } from '../../auth/TokenSource.ts';
import type { SessionEndReason } from '../../media/callSnapshot.ts';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../../signaling/socket.ts';
import { VIBRATION, vibrate } from '../../util/vibrate.ts';
import { statusToRestore } from './deskView.ts';
import type { ChoosableBreakReason, ChosenStatus } from './deskView.ts';

const CHOSEN_KEY = 'sign-relay.deskStatus';
const CALL_KEY = 'sign-relay.deskCall';

export interface RingingOffer {
  offer: DeskOffer;
  receivedAt: number;
}

export interface DeskCall {
  callId: CallId;
  /** What the offer said about the caller (null after a reload). */
  offer: DeskOffer | null;
}

/** How a call ended for this desk: the session's reason, or `failed` when it could not go on. */
export type DeskCallEnd = SessionEndReason | 'failed';

export interface LastCall {
  reason: DeskCallEnd;
  /** The colleague the call was handed to. */
  transferredTo: string | null;
}

export interface DeskModel {
  desk: DeskState | null;
  /** When the last desk state arrived (this browser's clock). */
  deskReceivedAt: number;
  offer: RingingOffer | null;
  /** Why the last offer stopped ringing without being answered here. */
  offerEnded: 'declined' | 'timeout' | 'withdrawn' | null;
  call: DeskCall | null;
  lastCall: LastCall | null;
  busy: boolean;
  error: RequestErrorCode | null;
}

export interface DeskActions {
  setStatus(status: ChosenStatus, reason?: ChoosableBreakReason): void;
  accept(): void;
  decline(): void;
  callOver(reason: DeskCallEnd, transferredTo: string | null): void;
  signOff(): Promise<void>;
}

type Chosen = { status: ChosenStatus; reason: ChoosableBreakReason | null };

function readJson<T>(key: string): T | null {
  const raw = session.get(key);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function useDesk(socket: SignalingSocket | null): DeskModel & DeskActions {
  const [model, setModel] = useState<DeskModel>(() => {
    const stored = readJson<{ callId?: unknown }>(CALL_KEY);
    return {
    desk: null,
    deskReceivedAt: Date.now(),
    offer: null,
    offerEnded: null,
    call: typeof stored?.callId === 'string' ? { callId: stored.callId as CallId, offer: null } : null,
    lastCall: null,
    busy: false,
    error: null,
    };
  });
  const modelRef = useRef(model);
  modelRef.current = model;
  const chosen = useRef<Chosen | null>(readJson<Chosen>(CHOSEN_KEY));

  const patch = useCallback((p: Partial<DeskModel> | ((m: DeskModel) => Partial<DeskModel>)) => {
    setModel((m) => ({ ...m, ...(typeof p === 'function' ? p(m) : p) }));
  }, []);

  const applyDesk = useCallback(
    (desk: DeskState) =>
      patch((m) => ({
        desk,
        deskReceivedAt: Date.now(),
        // An offer this desk no longer holds has stopped ringing.
        offer: desk.state === 'offered' && m.offer?.offer.entryId === desk.entryId ? m.offer : null,
      })),
    [patch],
  );

  useEffect(() => {
    if (!socket) return;
    const onState = (desk: DeskState): void => applyDesk(desk);
    const onOffer = (offer: DeskOffer): void => {
      vibrate(VIBRATION.ring);
      patch({ offer: { offer, receivedAt: Date.now() }, offerEnded: null, lastCall: null });
    };
    const onOfferEnded = ({ entryId, why }: { entryId: EntryId; why: 'declined' | 'timeout' | 'withdrawn' | 'answered' }): void =>
      patch((m) => (m.offer && m.offer.offer.entryId !== entryId ? {} : { offer: null, offerEnded: why === 'answered' ? null : why }));
    const onConnect = (): void => {
      // The server put the desk offline when the connection dropped: take the chosen status up again.
      if (modelRef.current.call) return;
      const restore = statusToRestore(modelRef.current.desk, chosen.current);
      if (!restore) return;
      request(socket, 'desk:setStatus', { status: restore.status, ...(restore.status === 'break' && restore.reason ? { reason: restore.reason } : {}) }).then(applyDesk, () => undefined);
    };
    socket.on('desk:state', onState);
    socket.on('desk:offer', onOffer);
    socket.on('desk:offerEnded', onOfferEnded);
    socket.on('connect', onConnect);
    if (socket.connected) onConnect();
    return () => {
      socket.off('desk:state', onState);
      socket.off('desk:offer', onOffer);
      socket.off('desk:offerEnded', onOfferEnded);
      socket.off('connect', onConnect);
    };
  }, [socket, applyDesk, patch]);

  // Keeps a ringing desk felt on phones and tablets, and visible in the tab title.
  const ringing = model.offer !== null;
  useEffect(() => {
    if (!ringing) return;
    const timer = setInterval(() => vibrate(VIBRATION.ring), 2_000);
    return () => clearInterval(timer);
  }, [ringing]);

  const run = useCallback(
    <T,>(work: (s: SignalingSocket) => Promise<T>, done: (result: T) => void): void => {
      if (!socket) return;
      patch({ busy: true, error: null });
      work(socket).then(
        (result) => {
          patch({ busy: false });
          done(result);
        },
        (error: unknown) => patch({ busy: false, error: errorCodeOf(error) }),
      );
    },
    [socket, patch],
  );

  const setStatus = (status: ChosenStatus, reason?: ChoosableBreakReason): void => {
    chosen.current = { status, reason: reason ?? null };
    session.set(CHOSEN_KEY, JSON.stringify(chosen.current));
    run((s) => request(s, 'desk:setStatus', { status, ...(status === 'break' && reason ? { reason } : {}) }), applyDesk);
  };

  const accept = (): void => {
    const ringingOffer = modelRef.current.offer;
    if (!ringingOffer || modelRef.current.busy) return;
    const { offer } = ringingOffer;
    run(
      (s) => request(s, 'desk:accept', { entryId: offer.entryId }),
      ({ callId }) => {
        session.set(CALL_KEY, JSON.stringify({ callId }));
        patch({ offer: null, offerEnded: null, lastCall: null, call: { callId, offer } });
      },
    );
  };

  const decline = (): void => {
    const ringingOffer = modelRef.current.offer;
    if (!ringingOffer || modelRef.current.busy) return;
    run(
      (s) => request(s, 'desk:decline', { entryId: ringingOffer.offer.entryId }),
      () => patch({ offer: null, offerEnded: 'declined' }),
    );
  };

  const callOver = useCallback(
    (reason: DeskCallEnd, transferredTo: string | null): void => {
      session.remove(CALL_KEY);
      patch({ call: null, lastCall: { reason, transferredTo } });
    },
    [patch],
  );

  /** Goes offline before signing out, so no call rings on a desk nobody watches. */
  const signOff = async (): Promise<void> => {
    session.remove(CHOSEN_KEY);
    session.remove(CALL_KEY);
    if (socket?.connected && !modelRef.current.call) await request(socket, 'desk:setStatus', { status: 'offline' }, 3_000).catch(() => undefined);
  };

  return { ...model, setStatus, accept, decline, callOver, signOff };
}
