import type { ClientEventName } from '@sign-relay/shared';
import { authHandlers } from './authHandlers.ts';
import { callHandlers } from './callHandlers.ts';
import { caseHandlers } from './caseHandlers.ts';
import { chatHandlers } from './chatHandlers.ts';
import { deskChatHandlers } from './deskChatHandlers.ts';
import { deskHandlers } from './deskHandlers.ts';
import { mediaHandlers } from './mediaHandlers.ts';
import { queueHandlers } from './queueHandlers.ts';
import type { HandlerMap } from './types.ts';
import { wallboardHandlers } from './wallboardHandlers.ts';

/** Every client event has exactly one handler; the type makes a missing one a compile error. */
export const handlers: HandlerMap<ClientEventName> = {
  ...authHandlers,
  ...callHandlers,
  ...mediaHandlers,
  ...queueHandlers,
  ...deskHandlers,
  ...wallboardHandlers,
  ...chatHandlers,
  ...deskChatHandlers,
  ...caseHandlers,
};
