import type { ClientEventName, ClientPayload, ClientResults } from '@sign-relay/shared';
import type { TokenService } from '../../auth/tokens.ts';
import type { CallService } from '../../calls/CallService.ts';
import type { CaseService } from '../../cases/CaseService.ts';
import type { ChatService } from '../../chat/ChatService.ts';
import type { Logger } from '../../logger.ts';
import type { PeerSink } from '../../media/Peer.ts';
import type { QueueService } from '../../queue/QueueService.ts';
import type { Session } from '../Session.ts';
import { callHandlers } from './callHandlers.ts';
import { caseHandlers } from './caseHandlers.ts';
import { chatHandlers } from './chatHandlers.ts';
import { deskHandlers } from './deskHandlers.ts';
import { mediaHandlers } from './mediaHandlers.ts';
import { queueHandlers } from './queueHandlers.ts';

/** What a handler may use: the caller's session, a way to reach their client, and the domain services. */
export interface HandlerContext {
  session: Session;
  sink: PeerSink;
  calls: CallService;
  queue: QueueService;
  chat: ChatService;
  cases: CaseService;
  tokens: TokenService;
  log: Logger;
}

export type Handler<E extends ClientEventName> = (ctx: HandlerContext, payload: ClientPayload<E>) => Promise<ClientResults[E]>;
export type HandlerMap<K extends ClientEventName> = { [E in K]: Handler<E> };

/** Every client event has exactly one handler; the type makes a missing one a compile error. */
export const handlers: HandlerMap<ClientEventName> = { ...callHandlers, ...mediaHandlers, ...queueHandlers, ...deskHandlers, ...chatHandlers, ...caseHandlers };
