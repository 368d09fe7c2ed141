/**
 * Gathers what the after-call summary shows about the caller's latest call, while it goes on and just after:
 * the interpreters' names and the caller's own hang-up (from the call screen), when it began and ended, the
 * receipts already on screen before it (so the summary lists only this call's), and the chat beside the call —
 * live `chat:message`s as they arrive, and once the call is over the whole chat again from the server
 * (`chat:resume` of the call's chat, which the caller may read after the end). Kept in memory only: a kiosk's
 * visit, when it ends, reloads the app and nothing remains.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CaseReceipt, ChatMessage, ChatSessionId } from '@sign-relay/shared';
import { request } from '../../signaling/socket.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import type { CallerStep } from '../caller/callerFlow.ts';
import { mergeMessages } from '../../chat/chatMessages.ts';
import { addNames } from './callRecord.ts';
import type { CallFacts, CallRecord } from './callRecord.ts';

/** How long to wait before asking for the chat again after a failure. */
const RETRY_MS = 3_000;

export interface CallRecordHandle {
  /** The latest call of this screen, until the caller moves on (call again, home). */
  record: CallRecord | null;
  /** The call screen's facts (names, the caller's hang-up). */
  note(facts: Partial<CallFacts>): void;
}

export function useCallRecord(socket: SignalingSocket | null, step: CallerStep, receipts: readonly CaseReceipt[]): CallRecordHandle {
  const [record, setRecord] = useState<CallRecord | null>(null);
  const sessionId = useRef<ChatSessionId | null>(null);
  // A call already going on when the screen opened (a reload): its start is taken from the server's record.
  const resumed = useRef(step.step === 'in-call');
  const receiptsNow = useRef(receipts);
  receiptsNow.current = receipts;

  const callId = step.step === 'in-call' ? step.callId : null;
  const connectedAt = step.step === 'in-call' ? step.connectedAt : null;
  const over = step.step === 'over' && step.outcome.kind !== 'left-queue';
  const moved = step.step === 'start' || step.step === 'topic';

  // A new call: a fresh record.
  useEffect(() => {
    if (callId === null) return;
    setRecord((r) =>
      r?.callId === callId
        ? r
        : {
            callId,
            startedAt: resumed.current ? null : connectedAt,
            endedAt: null,
            interpreterNames: [],
            hungUpHere: false,
            messages: [],
            complete: false,
            receiptsBefore: receiptsNow.current.map((x) => x.number),
          },
    );
    sessionId.current = null;
  }, [callId, connectedAt]);

  // The call is over: its end, once.
  useEffect(() => {
    if (over) setRecord((r) => (r && r.endedAt === null ? { ...r, endedAt: Date.now() } : r));
  }, [over]);

  // The caller moved on: the summary is gone with the screen.
  useEffect(() => {
    if (moved) {
      setRecord(null);
      sessionId.current = null;
      resumed.current = false;
    }
  }, [moved]);

  const merge = useCallback((callOf: string, messages: readonly ChatMessage[], complete = false) => {
    setRecord((r) => (r && r.callId === callOf ? { ...r, messages: mergeMessages(r.messages, messages), complete: r.complete || complete } : r));
  }, []);

  // During the call: find its chat, and keep every message that arrives.
  useEffect(() => {
    if (!socket || callId === null) return;
    let cancelled = false;
    const find = (): void => {
      if (!socket.connected) return;
      request(socket, 'chat:forCall', { callId }).then(
        (r) => {
          if (cancelled) return;
          sessionId.current = r.session.sessionId;
          merge(callId, r.messages);
          if (resumed.current) setRecord((rec) => (rec && rec.callId === callId && rec.startedAt === null ? { ...rec, startedAt: r.session.createdAt } : rec));
        },
        () => undefined, // the call may already be over; the end asks again below
      );
    };
    const onMessage = (m: ChatMessage): void => {
      if (m.sessionId === sessionId.current) merge(callId, [m]);
    };
    socket.on('connect', find);
    socket.on('chat:message', onMessage);
    find();
    return () => {
      cancelled = true;
      socket.off('connect', find);
      socket.off('chat:message', onMessage);
    };
  }, [socket, callId, merge]);

  // After the call: the whole chat once more from the server (a message may have crossed the hang-up).
  const endedCall = over ? (record?.callId ?? null) : null;
  const complete = record?.complete ?? false;
  useEffect(() => {
    if (!socket || endedCall === null || complete) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = (): void => {
      clearTimeout(timer);
      const id = sessionId.current;
      if (!socket.connected) return;
      const asked = id
        ? request(socket, 'chat:resume', { sessionId: id }).then((r) => r.messages)
        : // The chat was never found during the call (it ended at once): nothing was written in it.
          Promise.resolve([] as ChatMessage[]);
      asked.then(
        (messages) => {
          if (!cancelled) merge(endedCall, messages, true);
        },
        () => {
          if (!cancelled) timer = setTimeout(load, RETRY_MS);
        },
      );
    };
    socket.on('connect', load);
    load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
      socket.off('connect', load);
    };
  }, [socket, endedCall, complete, merge]);

  const note = useCallback((facts: Partial<CallFacts>) => {
    setRecord((r) => {
      if (!r) return r;
      const names = facts.interpreterNames ? addNames(r.interpreterNames, facts.interpreterNames) : r.interpreterNames;
      const hungUpHere = r.hungUpHere || (facts.hungUpHere ?? false);
      return names === r.interpreterNames && hungUpHere === r.hungUpHere ? r : { ...r, interpreterNames: names, hungUpHere };
    });
  }, []);

  return { record, note };
}
