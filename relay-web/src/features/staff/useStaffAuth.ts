import { useSyncExternalStore } from 'react';
import { staffAuth } from '../../auth/StaffAuth.ts';
import type { StaffAuth, StaffAuthState } from '../../auth/StaffAuth.ts';

/** This tab's staff sign-in and its current state (re-renders on sign-in, refresh and sign-out). */
export function useStaffAuth(): { auth: StaffAuth; state: StaffAuthState } {
  const auth = staffAuth();
  const state = useSyncExternalStore(auth.subscribe, auth.getState);
  return { auth, state };
}
