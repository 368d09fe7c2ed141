import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { clientSchemas, EVENT_ROLES, type Ack, type ClientEventName, type ErrorBody, type GuestId, type UserId } from '@sign-relay/shared';
import { roleOf, type Principal } from '../auth/tokens.ts';
import { AppError, toErrorBody } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PeerSink } from '../media/Peer.ts';
import type { LiveNotifier } from '../people.ts';
import { validationMessage } from '../util/validation.ts';
import { startBroadcasts } from './broadcasts.ts';
import { Connection } from './Connection.ts';
import { handlers } from './handlers/index.ts';
import type { DomainServices, HandlerContext } from './handlers/types.ts';
import type { ClientSocket, SignalingServer } from './types.ts';

const EVENT_NAMES = Object.keys(clientSchemas) as ClientEventName[];
const EVENT_SET: ReadonlySet<string> = new Set(EVENT_NAMES);

/** socket.io rooms that reach one person on every connection they have, on every server process. */
export const guestRoom = (guestId: GuestId) => `guest:${guestId}`;
export const staffRoom = (userId: UserId) => `staff:${userId}`;

export interface SignalingDeps extends DomainServices {
  logger: Logger;
}

/** The notifier the queue uses: socket.io rooms, which the Redis adapter carries across processes. */
export function socketNotifier(io: SignalingServer): LiveNotifier {
  return {
    toGuest: (guestId, event, payload) => {
      (io.to(guestRoom(guestId)).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
    toStaff: (userId, event, payload) => {
      (io.to(staffRoom(userId)).emit as (e: string, p: unknown) => boolean)(event, payload);
    },
  };
}

/** Creates the socket.io server (not yet serving events; see {@link serveSignaling}). */
export function createSignalingServer(httpServer: HttpServer): SignalingServer {
  return new Server(httpServer, {
    // Large enough for SDP-sized payloads and for hostile strings to reach zod (and be refused with a code).
    maxHttpBufferSize: 1_000_000,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });
}

/**
 * Serves signaling: every connection is authenticated by its token (staff access token or guest token);
 * every event is checked against the roles allowed to send it, validated with its zod schema, run through
 * its handler, and answered with an ack union. No handler error escapes: it is logged and answered with a
 * coded error.
 */
export function serveSignaling(io: SignalingServer, deps: SignalingDeps): { stop(): Promise<void> } {
  /** Disconnect work still running (it touches the stores): shutdown waits for it before closing them. */
  const pending = new Set<Promise<void>>();
  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    try {
      if (typeof token !== 'string' || token.length > 4000) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      const principal: Principal = deps.tokens.verify(token);
      socket.data.connection = new Connection(socket.id, principal, deps.tokens.expiresAt(token));
      void socket.join(principal.kind === 'guest' ? guestRoom(principal.guestId) : staffRoom(principal.userId));
      next();
    } catch (err) {
      const body = toErrorBody(err);
      next(Object.assign(new Error(body.message), { data: body }));
    }
  });

  io.on('connection', (socket: ClientSocket) => {
    const conn = socket.data.connection;
    const log = deps.logger.child({ socketId: socket.id, role: roleOf(conn.principal) });
    const sink: PeerSink = {
      notify: (event, ...args) => {
        socket.emit(event, ...args);
      },
    };
    const ctx: HandlerContext = { conn, sink, calls: deps.calls, queue: deps.queue, wallboard: deps.wallboard, chatLine: deps.chatLine, chat: deps.chat, cases: deps.cases, tokens: deps.tokens, log };

    const run = async (event: ClientEventName, raw: unknown): Promise<Ack<unknown>> => {
      if (!conn.requests.take()) return fail({ code: 'RATE_LIMITED', message: 'Too many requests; slow down.' });
      if (Date.now() >= conn.expiresAt) return fail({ code: 'UNAUTHENTICATED', message: 'Your session has expired; please sign in again.' });
      if (!EVENT_ROLES[event].includes(roleOf(conn.principal))) return fail({ code: 'FORBIDDEN', message: 'You are not allowed to do that.' });
      const parsed = clientSchemas[event].safeParse(raw);
      if (!parsed.success) return fail({ code: 'BAD_REQUEST', message: validationMessage(parsed.error.issues, 'payload') });
      try {
        const handler = handlers[event] as (c: HandlerContext, p: unknown) => Promise<unknown>;
        return { ok: true, data: await handler(ctx, parsed.data) };
      } catch (err) {
        if (!(err instanceof AppError)) log.error({ event, err }, 'handler failed');
        return fail(toErrorBody(err));
      }
    };

    for (const event of EVENT_NAMES) {
      // socket.io passes whatever the client sent: the payload may be missing and the ack may not be a function.
      socket.on(event, ((...args: unknown[]) => {
        const ack = args.findLast((a) => typeof a === 'function') as ((r: Ack<unknown>) => void) | undefined;
        const payload = args.length > 0 && typeof args[0] !== 'function' ? args[0] : undefined;
        void run(event, payload).then((result) => {
          if (ack) ack(result);
        });
      }) as never);
    }

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && EVENT_SET.has(event)) return;
      const ack = args.findLast((a) => typeof a === 'function') as ((r: Ack<unknown>) => void) | undefined;
      ack?.(fail({ code: 'UNKNOWN_EVENT', message: 'Unknown request.' }));
    });

    socket.on('disconnect', (why) => {
      const c = conn.call;
      conn.call = undefined;
      if (c && !c.room.closed) {
        log.info({ callId: c.room.id, peerId: c.peer.id, why }, 'participant connection lost');
        deps.calls.lost(c.room, c.peer);
      }
      const work = onGone(io, deps, conn)
        .catch((err: unknown) => log.error({ err }, 'disconnect handling failed'))
        .finally(() => pending.delete(work));
      pending.add(work);
    });
  });

  const stopBroadcasts = startBroadcasts(io, deps.queue, deps.wallboard, deps.logger);
  return {
    async stop() {
      stopBroadcasts();
      await new Promise<void>((r) => {
        void io.close(() => r());
      });
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** When a person's last connection closes: a caller keeps their place for the grace period; staff go offline. */
async function onGone(io: SignalingServer, deps: SignalingDeps, conn: Connection): Promise<void> {
  const p = conn.principal;
  const room = p.kind === 'guest' ? guestRoom(p.guestId) : staffRoom(p.userId);
  const remaining = await io.in(room).fetchSockets();
  if (remaining.length > 0) return;
  if (p.kind === 'guest') {
    if (conn.entryId) await deps.queue.callerLost(conn.entryId);
    if (conn.chatSessionId) await deps.chatLine.callerLost(conn.chatSessionId);
  } else {
    await deps.queue.staffLost(p.userId);
    await deps.chatLine.staffLost(p.userId);
  }
}

function fail(error: ErrorBody): Ack<never> {
  return { ok: false, error };
}
