import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { clientSchemas, EVENT_ROLES, type Ack, type ClientEventName, type ErrorBody, type GuestId, type UserId } from '@sign-relay/shared';
import { roleOf, type Principal } from '../auth/tokens.ts';
import { handleGone } from '../queue/retry.ts';
import { AppError, toErrorBody } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PeerSink } from '../media/Peer.ts';
import type { LiveNotifier } from '../people.ts';
import type { RedisClient } from '../store/redis.ts';
import { validationMessage } from '../util/validation.ts';
import { addressScope, clientAddress, compileTrust, DEFAULT_SIGNALING_LIMITS, originAllowed, type ProxyTrust, type SignalingLimits } from './admission.ts';
import { startBroadcasts } from './broadcasts.ts';
import { Connection } from './Connection.ts';
import { MemoryConnectionSlots, RedisConnectionSlots, type ConnectionSlots, type SlotClaim } from './connectionSlots.ts';
import { handlers } from './handlers/index.ts';
import type { DomainServices, HandlerContext } from './handlers/types.ts';
import type { ClientSocket, SignalingServer } from './types.ts';

const EVENT_NAMES = Object.keys(clientSchemas) as ClientEventName[];
const EVENT_SET: ReadonlySet<string> = new Set(EVENT_NAMES);

/** socket.io rooms that reach one person on every connection they have, on every server process. */
export const guestRoom = (guestId: GuestId) => `guest:${guestId}`;
export const staffRoom = (userId: UserId) => `staff:${userId}`;
/**
 * Where a connection whose token lapsed waits for `auth:renew` (out of the rooms above, so it gets no pushes);
 * it still counts as the person being connected.
 */
const heldRoom = (room: string) => `held:${room}`;

export interface SignalingDeps extends DomainServices {
  logger: Logger;
  /** The limits this server applies (see {@link createSignalingServer}); read at each connection. */
  limits?: SignalingLimits;
  /** With Redis the connection limits hold across every server process sharing it; otherwise per process. */
  redis?: RedisClient | undefined;
  /** The deployment's Redis key prefix (config REDIS_PREFIX). */
  redisPrefix?: string;
}

/**
 * Ends every connection of one staff member, on every server process (through the adapter): for an account
 * just disabled, given another role or a new password. Their client must sign in again.
 */
export function disconnectStaff(io: SignalingServer, userId: UserId): void {
  const room = staffRoom(userId);
  io.in([room, heldRoom(room)]).disconnectSockets(true);
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

/**
 * The largest packet a client may send. The largest legitimate one is `chat:send` with a body at its 20,000
 * character limit, about 60 KB in UTF-8 (SDP-sized media payloads are far smaller); a bigger packet closes that
 * connection before it is parsed, so nobody can keep the event loop busy parsing megabytes.
 */
export const MAX_PACKET_BYTES = 96 * 1024;

/** The limits of each signaling server, as given to {@link createSignalingServer}: tests narrow them. */
const limitsOf = new WeakMap<SignalingServer, SignalingLimits>();

/** The live limits of a signaling server (tests narrow them after start; every new connection reads them). */
export function signalingLimitsOf(io: SignalingServer): SignalingLimits {
  return limitsOf.get(io) ?? { ...DEFAULT_SIGNALING_LIMITS };
}

/**
 * Creates the socket.io server (not yet serving events; see {@link serveSignaling}). Pages of other origins
 * than the server's own and the allowed ones are refused before any engine.io session exists.
 */
export function createSignalingServer(httpServer: HttpServer, limits: SignalingLimits = { ...DEFAULT_SIGNALING_LIMITS }): SignalingServer {
  const io: SignalingServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_PACKET_BYTES,
    // A connection that has not authenticated within this is closed.
    connectTimeout: 10_000,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
    allowRequest: (req, callback) => {
      callback(null, originAllowed(req, limits.allowedOrigins));
    },
  });
  limitsOf.set(io, limits);
  return io;
}

/**
 * Serves signaling: every connection is authenticated by its token (staff access token or guest token) and
 * counted against its limits (connections per caller and per client address); every event is checked against
 * the roles allowed to send it, validated with its zod schema, run through its handler after the connection's
 * earlier events, and answered with an ack union. No handler error escapes: it is logged and answered with a
 * coded error. A connection whose token lapses gets no pushes and may only renew, and is closed after the
 * renew grace unless it does.
 */
export function serveSignaling(io: SignalingServer, deps: SignalingDeps): { stop(): Promise<void> } {
  const limits = deps.limits ?? signalingLimitsOf(io);
  const slots: ConnectionSlots = deps.redis
    ? new RedisConnectionSlots({ client: deps.redis, prefix: deps.redisPrefix ?? 'sign-relay', logger: deps.logger.child({ component: 'connection-limits' }) })
    : new MemoryConnectionSlots();
  let trust: { from: SignalingLimits['trustProxy']; check: ProxyTrust } | undefined;
  const trustNow = (): ProxyTrust => {
    const known = trust;
    if (known && known.from === limits.trustProxy) return known.check;
    const check = compileTrust(limits.trustProxy);
    trust = { from: limits.trustProxy, check };
    return check;
  };
  /** Disconnect work still running (it touches the stores): shutdown waits for it before closing them. */
  const pending = new Set<Promise<void>>();

  io.use((socket, next) => {
    void (async () => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      if (typeof token !== 'string' || token.length > 4000) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
      const principal: Principal = await deps.tokens.authenticate(token);
      const address = clientAddress(socket.request, trustNow());
      // Staff are not counted: a call centre's desks share one address, and they are few and signed in.
      const claims: SlotClaim[] =
        principal.kind === 'guest'
          ? [
              { scope: `guest:${principal.guestId}`, cap: limits.socketsPerGuest },
              { scope: `address:${addressScope(address)}`, cap: limits.socketsPerAddress },
            ]
          : [];
      const full = await slots.claim(socket.id, claims);
      if (full) {
        throw full.scope.startsWith('guest:')
          ? new AppError('RATE_LIMITED', 'This call is already open in other windows; close one and try again.')
          : new AppError('RATE_LIMITED', 'Too many connections from your network; try again later.');
      }
      const scopes = claims.map((c) => c.scope);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        slots.release(socket.id, scopes).catch((err: unknown) => deps.logger.warn({ err }, 'connection limit not released'));
      };
      // The transport may close before the connection is established (then 'disconnect' never comes).
      socket.conn.once('close', release);
      socket.once('disconnect', release);
      if (socket.conn.readyState !== 'open') {
        release();
        throw new AppError('UNAVAILABLE', 'The connection closed.');
      }
      socket.data.connection = new Connection(socket.id, principal, deps.tokens.expiresAt(token), address, scopes);
      await socket.join(personRoom(principal));
    })().then(
      () => next(),
      (err: unknown) => {
        if (!(err instanceof AppError)) deps.logger.error({ err }, 'connection admission failed');
        const body = toErrorBody(err);
        next(Object.assign(new Error(body.message), { data: body }));
      },
    );
  });

  io.on('connection', (socket: ClientSocket) => {
    const conn = socket.data.connection;
    const log = deps.logger.child({ socketId: socket.id, role: roleOf(conn.principal) });
    const sink: PeerSink = {
      notify: (event, ...args) => {
        if (!conn.lapsed()) socket.emit(event, ...args);
      },
    };
    const ctx: HandlerContext = { conn, sink, calls: deps.calls, queue: deps.queue, wallboard: deps.wallboard, chatLine: deps.chatLine, chat: deps.chat, cases: deps.cases, tokens: deps.tokens, log };

    // The token's lapse: out of the person's room (no pushes), then closed unless renewed within the grace.
    let lapseTimer: NodeJS.Timeout | undefined;
    let graceTimer: NodeJS.Timeout | undefined;
    const room = personRoom(conn.principal);
    const watchExpiry = () => {
      clearTimeout(lapseTimer);
      clearTimeout(graceTimer);
      graceTimer = undefined;
      // setTimeout holds at most ~24.8 days; a longer wait is taken in steps.
      lapseTimer = setTimeout(onLapse, Math.min(Math.max(0, conn.expiresAt - Date.now()), 2 ** 31 - 1));
    };
    const onLapse = () => {
      if (!conn.lapsed()) return watchExpiry();
      void socket.leave(room);
      void socket.join(heldRoom(room));
      graceTimer ??= setTimeout(() => {
        log.info('token lapsed and was not renewed: closing the connection');
        socket.disconnect(true);
      }, limits.renewGraceMs);
    };
    const onRenewed = () => {
      void socket.join(room);
      void socket.leave(heldRoom(room));
      watchExpiry();
    };
    watchExpiry();

    const run = async (event: ClientEventName, raw: unknown): Promise<Ack<unknown>> => {
      // A lapsed token may still be replaced by a fresh one: the handler verifies it and that it is the same person.
      if (conn.lapsed() && event !== 'auth:renew') return fail({ code: 'UNAUTHENTICATED', message: 'Your session has expired; please sign in again.' });
      if (!EVENT_ROLES[event].includes(roleOf(conn.principal))) return fail({ code: 'FORBIDDEN', message: 'You are not allowed to do that.' });
      const parsed = clientSchemas[event].safeParse(raw);
      if (!parsed.success) return fail({ code: 'BAD_REQUEST', message: validationMessage(parsed.error.issues, 'payload') });
      try {
        // A staff token presented to renew must still belong to an active account with its role.
        if (event === 'auth:renew') await deps.tokens.authenticate((parsed.data as { token: string }).token);
        const handler = handlers[event] as (c: HandlerContext, p: unknown) => Promise<unknown>;
        const data = await handler(ctx, parsed.data);
        if (event === 'auth:renew') onRenewed();
        return { ok: true, data };
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
        // Refused at once when over budget; otherwise after every earlier event of this connection has settled.
        const result = conn.requests.take() ? conn.serial(() => run(event, payload)) : Promise.resolve(fail({ code: 'RATE_LIMITED', message: 'Too many requests; slow down.' }));
        void result.then((r) => {
          if (ack) ack(r);
        });
      }) as never);
    }

    socket.onAny((event: unknown, ...args: unknown[]) => {
      if (typeof event === 'string' && EVENT_SET.has(event)) return;
      const ack = args.findLast((a) => typeof a === 'function') as ((r: Ack<unknown>) => void) | undefined;
      ack?.(fail({ code: 'UNKNOWN_EVENT', message: 'Unknown request.' }));
    });

    socket.on('disconnect', (why) => {
      clearTimeout(lapseTimer);
      clearTimeout(graceTimer);
      const c = conn.call;
      conn.call = undefined;
      if (c && !c.room.closed) {
        log.info({ callId: c.room.id, peerId: c.peer.id, why }, 'participant connection lost');
        deps.calls.lost(c.room, c.peer);
      }
      // After the connection's events in flight: a queue:join still running has its entry to hand over.
      const work = conn
        .serial(() => handleGone(() => onGone(io, deps, conn), log))
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
      slots.close();
    },
  };
}

/** The room that reaches one person on all their connections. */
function personRoom(p: Principal): string {
  return p.kind === 'guest' ? guestRoom(p.guestId) : staffRoom(p.userId);
}

/** When a person's last connection closes: a caller keeps their place for the grace period; staff go offline. */
async function onGone(io: SignalingServer, deps: SignalingDeps, conn: Connection): Promise<void> {
  const p = conn.principal;
  const room = personRoom(p);
  const remaining = await io.in([room, heldRoom(room)]).fetchSockets();
  if (remaining.length > 0) return;
  if (p.kind === 'guest') {
    // Whatever this connection asked for: the caller's places are theirs, whichever connection made them.
    await deps.queue.callerGone(p.guestId);
    await deps.chatLine.callerGone(p.guestId);
  } else {
    await deps.queue.staffLost(p.userId);
    await deps.chatLine.staffLost(p.userId);
  }
}

function fail(error: ErrorBody): Ack<never> {
  return { ok: false, error };
}
