import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import {
  clientSchemas,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type ErrorBody,
  type ServerToClientEvents,
} from '@sign-relay/shared';
import type { CallService } from '../calls/CallService.ts';
import { AppError, toErrorBody } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { PeerSink } from '../media/Peer.ts';
import { handlers } from './handlers/index.ts';
import { Session } from './Session.ts';

export type SignalingServer = Server<ClientToServerEvents, ServerToClientEvents>;
type ClientSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const EVENT_NAMES = Object.keys(clientSchemas) as ClientEventName[];
const EVENT_SET: ReadonlySet<string> = new Set(EVENT_NAMES);

/** A zod failure as a message safe to show: the field path and what was wrong, never the value. */
function validationMessage(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'The request is not valid.';
  const where = first.path.length ? first.path.map(String).join('.') : 'payload';
  return `Invalid request: ${where}: ${first.message}`.slice(0, 300);
}

/**
 * Attaches socket.io. Every client event is validated with its zod schema, run through its handler, and
 * answered with an ack union. Nothing a client sends reaches a handler unvalidated, and no handler error
 * escapes: it is logged and answered with a coded error.
 */
export function attachSignaling(httpServer: HttpServer, deps: { calls: CallService; logger: Logger }): SignalingServer {
  const io: SignalingServer = new Server(httpServer, {
    // Large enough for SDP-sized payloads and for hostile strings to reach zod (and be refused with a code).
    maxHttpBufferSize: 1_000_000,
    serveClient: false,
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.on('connection', (socket: ClientSocket) => {
    const log = deps.logger.child({ socketId: socket.id });
    const session = new Session(socket.id);
    const sink: PeerSink = {
      notify: (event, ...args) => {
        socket.emit(event, ...args);
      },
    };
    const ctx = { session, sink, calls: deps.calls, log };

    const run = async (event: ClientEventName, raw: unknown): Promise<Ack<unknown>> => {
      if (!session.requests.take()) return fail({ code: 'RATE_LIMITED', message: 'Too many requests; slow down.' });
      const parsed = clientSchemas[event].safeParse(raw);
      if (!parsed.success) return fail({ code: 'BAD_REQUEST', message: validationMessage(parsed.error.issues) });
      try {
        const handler = handlers[event] as (c: typeof ctx, p: unknown) => Promise<unknown>;
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
      const c = session.call;
      session.call = undefined;
      if (c && !c.room.closed) {
        log.info({ callId: c.room.id, peerId: c.peer.id, why }, 'participant connection lost');
        deps.calls.lost(c.room, c.peer);
      }
    });
  });

  return io;
}

function fail(error: ErrorBody): Ack<never> {
  return { ok: false, error };
}
