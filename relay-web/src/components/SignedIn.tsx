import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon.tsx';

/**
 * Who is signed in on a staff screen, and the sign-out button: the same pair at the top of the desk, the
 * wallboard, the cases, reports and admin screens.
 */
export function SignedIn({ name, onSignOut, disabled = false }: { name: string; onSignOut: () => void; disabled?: boolean }): ReactElement {
  const { t } = useTranslation();
  return (
    <>
      <span className="staff-user" data-testid="staff-user">
        <Icon name="person" /> {name}
      </span>
      <button type="button" className="button button--quiet" data-testid="sign-out" onClick={onSignOut} disabled={disabled}>
        <Icon name="logout" />
        <span>{t('desk.signOut')}</span>
      </button>
    </>
  );
}
