import type { GuestId, UserId } from './ids.ts';

/** Who can be on the other end of a request. Staff sign in; callers get a guest token without an account. */
export const STAFF_ROLES = ['interpreter', 'supervisor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = StaffRole | 'guest';

/** What the web apps keep after signing in. */
export interface StaffSession {
  accessToken: string;
  /** Seconds until the access token expires; refresh before then. */
  expiresIn: number;
  refreshToken: string;
  user: { id: UserId; username: string; displayName: string; role: StaffRole; gender: 'female' | 'male' | null };
}

export interface GuestSession {
  guestToken: string;
  guestId: GuestId;
  expiresIn: number;
}
