import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';

/** The top row of a cases screen: its heading (or a way back), who is signed in and the sign-out button. */
export function StaffHeader({ user, auth, children }: { user: StaffUser; auth: StaffAuth; children: ReactNode }): ReactElement {
  const { t } = useTranslation();
  return (
    <header className="cases__head">
      {children}
      <span className="staff-user" data-testid="staff-user">
        <Icon name="person" /> {user.displayName}
      </span>
      <button type="button" className="button button--quiet" data-testid="sign-out" onClick={() => void auth.logout()}>
        <Icon name="logout" />
        <span>{t('desk.signOut')}</span>
      </button>
    </header>
  );
}
