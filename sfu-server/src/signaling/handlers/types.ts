import type { ClientEventName, ClientPayload, ClientResults } from '@sign-relay/shared';
import type { TokenService } from '../../auth/tokens.ts';
import type { CallService } from '../../calls/CallService.ts';
import type { CaseService } from '../../cases/CaseService.ts';
import type { ChatLine } from '../../chat/ChatLine.ts';
import type { ChatService } from '../../chat/ChatService.ts';
import type { Logger } from '../../logger.ts';
import type { PeerSink } from '../../media/Peer.ts';
import type { QueueService } from '../../queue/QueueService.ts';
import type { Wallboard } from '../../wallboard/Wallboard.ts';
import type { Connection } from '../Connection.ts';

/** What a handler may use: the sender's connection, a way to reach their client, and the domain services. */
export interface HandlerContext extends DomainServices {
  conn: Connection;
  sink: PeerSink;
  log: Logger;
}

/** The domain services the socket layer calls. */
export interface DomainServices {
  calls: CallService;
  queue: QueueService;
  wallboard: Wallboard;
  chatLine: ChatLine;
  chat: ChatService;
  cases: CaseService;
  tokens: TokenService;
}

export type Handler<E extends ClientEventName> = (ctx: HandlerContext, payload: ClientPayload<E>) => Promise<ClientResults[E]>;
export type HandlerMap<K extends ClientEventName> = { [E in K]: Handler<E> };
