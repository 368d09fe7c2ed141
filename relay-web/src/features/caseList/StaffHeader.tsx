import type { ReactElement, ReactNode } from 'react';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { SignedIn } from '../../components/SignedIn.tsx';

/** The top row of a cases screen: its heading (or a way back), who is signed in and the sign-out button. */
export function StaffHeader({ user, auth, children }: { user: StaffUser; auth: StaffAuth; children: ReactNode }): ReactElement {
  return (
    <header className="cases__head">
      {children}
      <SignedIn name={user.displayName} onSignOut={() => void auth.logout()} />
    </header>
  );
}
