/**
 * One chat over the signaling connection, for every place a chat is shown: the caller's text chat, each chat
 * on the interpreter's desk, and the chat beside a video call. On every (re)connection it loads the session
 * and its whole history (`chat:resume`, or `chat:forCall`), then sends what the outbox still holds, one at a
 * time and in order, each with the client key it got when written. Live messages are merged by id and seq;
 * a gap in seq is filled with `chat:sync`. Typing goes both ways; the end is seen from either side.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { chatBodyProblem } from '@sign-relay/shared';
import type { CallId, ChatMessage, ChatQueueStatus, ChatSessionId, ChatSessionInfo } from '@sign-relay/shared';
import { session as sessionStorageArea } from '../auth/TokenSource.ts';
import type { SafeStorage } from '../auth/TokenSource.ts';
import { errorCodeOf, request } from '../signaling/socket.ts';
import type { RequestErrorCode, SignalingSocket } from '../signaling/socket.ts';
import { VIBRATION, vibrate } from '../util/vibrate.ts';
import { lastSeq, leavesGap, mergeMessages } from './chatMessages.ts';
import { addToOutbox, discard as discardEntry, isRetryable, loadOutbox, markFailed, markSending, newClientKey, nextToSend, retryDelayMs, saveOutbox, settle } from './outbox.ts';
import type { Outbox } from './outbox.ts';
import { TYPING_SHOW_MS, TypingNotifier } from './typing.ts';

/** Which side of the chat this screen is. */
export type ChatParty = 'guest' | 'staff';

/**
 * Where the chat comes from: a session by id (text chats), or the chat of a video call (`fromChat`: the
 * caller's text chat the call came from, whose messages then show above the call's).
 */
export type ChatSource = { kind: 'session'; sessionId: ChatSessionId } | { kind: 'call'; callId: CallId; fromChat?: ChatSessionId | undefined };

export interface ChatEnd {
  by: 'guest' | 'staff' | 'system';
  reason: 'ended' | 'left' | 'lost';
}

/** Why a message was not accepted for sending. */
export type SendRefusal = 'empty' | 'too-long' | 'control-characters' | 'closed';

export interface ChatModel {
  sessionId: ChatSessionId | null;
  session: ChatSessionInfo | null;
  /** The caller's place in the chat line while waiting. */
  status: ChatQueueStatus | null;
  messages: readonly ChatMessage[];
  /** A call's chat: the messages of the text chat the call came from (read-only, shown above). */
  earlier: readonly ChatMessage[];
  outbox: Outbox;
  otherTyping: boolean;
  ended: ChatEnd | null;
  /** Loading the session failed: NOT_FOUND / FORBIDDEN mean it is gone for good. */
  loadError: RequestErrorCode | null;
  /** The last action (ending) failed. */
  actionError: RequestErrorCode | null;
  /** When an interpreter answered while this screen watched (for the alert). */
  answeredAt: number | null;
  ending: boolean;
  connected: boolean;
  /** The session and its history have been loaded from the server at least once. */
  loaded: boolean;
}

export interface ChatSession extends ChatModel {
  me: ChatParty;
  /** Queues a message (trimmed) and returns null, or says why it was refused. */
  send(body: string): SendRefusal | null;
  /** The input changed (for the typing indicator). */
  typed(text: string): void;
  end(): void;
  /** Gives up on a message the server refuses. */
  discard(clientKey: string): void;
}

export interface ChatSessionOptions {
  socket: SignalingSocket | null;
  source: ChatSource;
  me: ChatParty;
  /** What the screen already has (an accepted chat, a chat just started). */
  initial?: { session?: ChatSessionInfo; messages?: readonly ChatMessage[]; status?: ChatQueueStatus | null };
  storage?: SafeStorage;
}

const LOAD_RETRY_MS = 3_000;

function sourceKey(source: ChatSource): string {
  return source.kind === 'session' ? `session:${source.sessionId}` : `call:${source.callId}`;
}

function endedByServer(outbox: Outbox): Outbox {
  return outbox.map((e) => (isRetryable(e.error) ? { ...e, state: 'failed', error: 'CALL_ENDED' } : e));
}

export function useChatSession({ socket, source, me, initial, storage = sessionStorageArea }: ChatSessionOptions): ChatSession {
  const key = sourceKey(source);
  const [model, setModel] = useState<ChatModel>(() => {
    const sessionId = source.kind === 'session' ? source.sessionId : (initial?.session?.sessionId ?? null);
    return {
      sessionId,
      session: initial?.session ?? null,
      status: initial?.status ?? null,
      messages: mergeMessages([], initial?.messages ?? []),
      earlier: [],
      outbox: sessionId ? loadOutbox(storage, sessionId) : [],
      otherTyping: false,
      ended: initial?.session?.state === 'ended' ? { by: 'system', reason: 'ended' } : null,
      loadError: null,
      actionError: null,
      answeredAt: null,
      ending: false,
      connected: socket?.connected ?? false,
      loaded: false,
    };
  });
  const ref = useRef(model);
  const socketRef = useRef(socket);
  socketRef.current = socket;

  /** Applies a change to the model at once (handlers that follow see it) and keeps the outbox stored. */
  const update = useCallback(
    (change: (m: ChatModel) => ChatModel) => {
      const before = ref.current;
      const after = change(before);
      if (after === before) return;
      ref.current = after;
      if (after.sessionId && (after.outbox !== before.outbox || after.ended !== before.ended)) saveOutbox(storage, after.sessionId, after.ended ? [] : after.outbox);
      setModel(after);
    },
    [storage],
  );

  // ---- sending, one message at a time, in order ----------------------------------------------------------

  const sending = useRef(false);
  const retryTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pump = useCallback((): void => {
    if (sending.current) return;
    const m = ref.current;
    const s = socketRef.current;
    const sessionId = m.sessionId;
    if (!sessionId || m.ended) return;
    const next = nextToSend(m.outbox);
    if (!next) return;
    if (!s?.connected) {
      // Nothing can go now: say so on every waiting message; the reconnection sends them.
      update((mm) => ({ ...mm, outbox: mm.outbox.map((e) => (isRetryable(e.error) && e.error !== 'OFFLINE' ? { ...e, state: 'failed', error: 'OFFLINE' } : e)) }));
      return;
    }
    clearTimeout(retryTimer.current);
    sending.current = true;
    update((mm) => ({ ...mm, outbox: markSending(mm.outbox, next.clientKey) }));
    request(s, 'chat:send', { sessionId, clientKey: next.clientKey, body: next.body }).then(
      (stored) => {
        sending.current = false;
        update((mm) => (mm.sessionId !== sessionId ? mm : { ...mm, messages: mergeMessages(mm.messages, [stored]), outbox: settle(mm.outbox, [stored], me) }));
        pump();
      },
      (error: unknown) => {
        sending.current = false;
        const code = errorCodeOf(error);
        if (ref.current.sessionId !== sessionId) return;
        if (code === 'CALL_ENDED') {
          update((mm) => ({ ...mm, ended: mm.ended ?? { by: 'system', reason: 'ended' }, otherTyping: false, outbox: endedByServer(markFailed(mm.outbox, next.clientKey, code)) }));
          return;
        }
        update((mm) => ({ ...mm, outbox: markFailed(mm.outbox, next.clientKey, code) }));
        if (!isRetryable(code)) {
          pump();
          return;
        }
        const attempts = ref.current.outbox.find((e) => e.clientKey === next.clientKey)?.attempts ?? 1;
        retryTimer.current = setTimeout(pump, retryDelayMs(attempts));
      },
    );
  }, [me, update]);

  // ---- the other side typing ------------------------------------------------------------------------------

  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const showTyping = useCallback(
    (typing: boolean) => {
      clearTimeout(typingTimer.current);
      update((mm) => (mm.otherTyping === typing ? mm : { ...mm, otherTyping: typing }));
      if (typing) typingTimer.current = setTimeout(() => update((mm) => ({ ...mm, otherTyping: false })), TYPING_SHOW_MS);
    },
    [update],
  );

  const notifier = useRef<TypingNotifier | null>(null);
  notifier.current ??= new TypingNotifier((typing) => {
    const s = socketRef.current;
    const m = ref.current;
    if (!s?.connected || !m.sessionId || m.session?.state !== 'active' || m.ended) return;
    request(s, 'chat:typing', { sessionId: m.sessionId, typing }).catch(() => undefined);
  });

  // ---- loading on every (re)connection --------------------------------------------------------------------

  const [connected, setConnected] = useState(socket?.connected ?? false);
  useEffect(() => {
    if (!socket) return;
    const on = (): void => setConnected(true);
    const off = (): void => setConnected(false);
    socket.on('connect', on);
    socket.on('disconnect', off);
    setConnected(socket.connected);
    return () => {
      socket.off('connect', on);
      socket.off('disconnect', off);
    };
  }, [socket]);
  useEffect(() => update((m) => (m.connected === connected ? m : { ...m, connected })), [connected, update]);

  /** Messages that arrived before the call's chat was known (its id comes with chat:forCall). */
  const early = useRef<ChatMessage[]>([]);

  useEffect(() => {
    if (!socket || !connected) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        let info: ChatSessionInfo;
        let history: ChatMessage[];
        let status: ChatQueueStatus | null = null;
        let earlier: readonly ChatMessage[] | null = null;
        if (source.kind === 'session') {
          const r = await request(socket, 'chat:resume', { sessionId: source.sessionId });
          ({ session: info, messages: history, status } = r);
        } else {
          ({ session: info, messages: history, earlier } = await request(socket, 'chat:forCall', { callId: source.callId, ...(source.fromChat ? { fromChat: source.fromChat } : {}) }));
        }
        if (cancelled) return;
        const found = early.current.filter((m) => m.sessionId === info.sessionId);
        early.current = [];
        update((m) => {
          const known = m.sessionId === info.sessionId;
          const messages = mergeMessages(known ? m.messages : [], [...history, ...found]);
          let outbox = settle(known ? m.outbox : loadOutbox(storage, info.sessionId), messages, me);
          const ended = info.state === 'ended' ? (m.ended ?? { by: 'system', reason: 'ended' }) : m.ended;
          if (ended) outbox = endedByServer(outbox);
          const kept = earlier && earlier.length > 0 ? earlier : known ? m.earlier : [];
          return { ...m, sessionId: info.sessionId, session: info, status: info.state === 'waiting' ? (status ?? m.status) : null, messages, earlier: kept, outbox, ended, loadError: null, loaded: true };
        });
        pump();
      } catch (error) {
        if (cancelled) return;
        const code = errorCodeOf(error);
        update((m) => ({ ...m, loadError: code }));
        if (code !== 'NOT_FOUND' && code !== 'FORBIDDEN' && code !== 'BAD_REQUEST') timer = setTimeout(() => void load(), LOAD_RETRY_MS);
      }
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `source` is named by `key`: a new object for the same source must not load again.
  }, [socket, connected, key, me, storage, update, pump]);

  // ---- live events ----------------------------------------------------------------------------------------

  useEffect(() => {
    if (!socket) return;
    const mine = (sessionId: ChatSessionId): boolean => ref.current.sessionId === sessionId;
    const sync = (sessionId: ChatSessionId, afterSeq: number): void => {
      request(socket, 'chat:sync', { sessionId, afterSeq }).then(
        (missed) => update((m) => (m.sessionId === sessionId ? { ...m, messages: mergeMessages(m.messages, missed), outbox: settle(m.outbox, missed, me) } : m)),
        () => undefined,
      );
    };
    const onMessage = (msg: ChatMessage): void => {
      if (ref.current.sessionId === null) {
        early.current.push(msg);
        return;
      }
      if (!mine(msg.sessionId)) return;
      // What was held before this message: the gap is asked for from there.
      const gap = leavesGap(ref.current.messages, msg) ? lastSeq(ref.current.messages) : null;
      const fromOther = msg.from !== me && msg.from !== 'system';
      const isNew = !ref.current.messages.some((m) => m.id === msg.id);
      update((m) => ({ ...m, messages: mergeMessages(m.messages, [msg]), outbox: settle(m.outbox, [msg], me) }));
      if (fromOther) {
        showTyping(false);
        if (isNew) vibrate(VIBRATION.message);
      }
      if (gap !== null) sync(msg.sessionId, gap);
    };
    const onTyping = (p: { sessionId: ChatSessionId; from: 'guest' | 'staff'; typing: boolean }): void => {
      if (mine(p.sessionId) && p.from !== me) showTyping(p.typing);
    };
    const onStatus = (status: ChatQueueStatus): void => {
      if (mine(status.sessionId)) update((m) => (m.session?.state === 'active' || m.ended ? m : { ...m, status }));
    };
    const onConnected = (p: { sessionId: ChatSessionId; interpreterName: string }): void => {
      if (!mine(p.sessionId)) return;
      vibrate(VIBRATION.answered);
      update((m) => ({
        ...m,
        status: null,
        answeredAt: Date.now(),
        session: m.session ? { ...m.session, state: 'active', interpreterName: p.interpreterName } : m.session,
      }));
    };
    const onEnded = (p: { sessionId: ChatSessionId; by: ChatEnd['by']; reason: ChatEnd['reason'] }): void => {
      if (!mine(p.sessionId)) return;
      if (p.by !== me) vibrate(VIBRATION.ended);
      notifier.current?.stop();
      showTyping(false);
      update((m) => ({
        ...m,
        ended: m.ended ?? { by: p.by, reason: p.reason },
        ending: false,
        status: null,
        session: m.session ? { ...m.session, state: 'ended' } : m.session,
        outbox: endedByServer(m.outbox),
      }));
    };
    const onEarlier = (p: { sessionId: ChatSessionId; messages: ChatMessage[] }): void => {
      if (mine(p.sessionId)) update((m) => ({ ...m, earlier: mergeMessages([], p.messages) }));
    };
    socket.on('chat:message', onMessage);
    socket.on('chat:earlier', onEarlier);
    socket.on('chat:typing', onTyping);
    socket.on('chat:status', onStatus);
    socket.on('chat:connected', onConnected);
    socket.on('chat:ended', onEnded);
    return () => {
      socket.off('chat:message', onMessage);
      socket.off('chat:earlier', onEarlier);
      socket.off('chat:typing', onTyping);
      socket.off('chat:status', onStatus);
      socket.off('chat:connected', onConnected);
      socket.off('chat:ended', onEnded);
    };
  }, [socket, me, update, showTyping]);

  useEffect(
    () => () => {
      notifier.current?.stop();
      clearTimeout(retryTimer.current);
      clearTimeout(typingTimer.current);
    },
    [],
  );

  // ---- actions --------------------------------------------------------------------------------------------

  const send = useCallback(
    (raw: string): SendRefusal | null => {
      const body = raw.trim();
      const problem = chatBodyProblem(body);
      if (problem) return problem;
      const m = ref.current;
      if (!m.sessionId || m.ended) return 'closed';
      notifier.current?.stop();
      update((mm) => ({ ...mm, outbox: addToOutbox(mm.outbox, body, newClientKey(), Date.now()) }));
      pump();
      return null;
    },
    [pump, update],
  );

  const typed = useCallback((text: string) => notifier.current?.input(text.trim().length > 0), []);

  const end = useCallback(() => {
    const s = socketRef.current;
    const m = ref.current;
    if (!s || !m.sessionId || m.ended || m.ending) return;
    const sessionId = m.sessionId;
    notifier.current?.stop();
    update((mm) => ({ ...mm, ending: true, actionError: null }));
    request(s, 'chat:end', { sessionId }).then(
      () => update((mm) => ({ ...mm, ending: false, status: null, ended: mm.ended ?? { by: me, reason: 'ended' }, outbox: endedByServer(mm.outbox) })),
      (error: unknown) => {
        const code = errorCodeOf(error);
        if (code === 'CALL_ENDED' || code === 'NOT_FOUND') update((mm) => ({ ...mm, ending: false, ended: mm.ended ?? { by: me, reason: 'ended' } }));
        else update((mm) => ({ ...mm, ending: false, actionError: code }));
      },
    );
  }, [me, update]);

  const discard = useCallback((clientKey: string) => update((m) => ({ ...m, outbox: discardEntry(m.outbox, clientKey) })), [update]);

  return { ...model, me, send, typed, end, discard };
}
