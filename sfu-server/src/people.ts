/** Who the domain services talk about and how they reach them live: neutral types every service may import. */
import type { Channel, Gender, GuestId, ServerToClientEvents, StaffRole, UserId } from '@sign-relay/shared';

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

/**
 * How the server reaches people over their live connection, wherever it is (any server process). Not the
 * outbox's `Notifier` (notify/), which delivers SMS and e-mail to callers who are not connected.
 */
export interface LiveNotifier {
  toGuest<E extends keyof ServerToClientEvents>(guestId: GuestId, event: E, payload: Payload<E>): void;
  toStaff<E extends keyof ServerToClientEvents>(userId: UserId, event: E, payload: Payload<E>): void;
}

export interface GuestRef {
  guestId: GuestId;
  channel: Channel;
  kioskId: string | null;
  /** Whether the kiosk named was proven to be that kiosk; absent means not proven. */
  kioskVerified?: boolean | undefined;
}

export interface StaffRef {
  userId: UserId;
  role: StaffRole;
  gender: Gender | null;
}

/** A city system holding an API key (Open311 clients, the back office): it calls without signing in. */
export interface ApiKeyHolder {
  kind: 'api-key';
  keyId: string;
  name: string;
  canPost: boolean;
  canUpdateStatus: boolean;
}

/** Checks a presented API key; null for an unknown or revoked one. */
export interface ApiKeyVerifier {
  verify(key: string): Promise<ApiKeyHolder | null>;
}
