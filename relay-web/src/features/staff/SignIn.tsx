import { useId, useState } from 'react';
import type { FormEvent, ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffRole } from '@sign-relay/shared';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { useStaffAuth } from './useStaffAuth.ts';

type SignInError = RequestErrorCode | 'wrong-role' | 'expired';

function SignInForm({ auth, roles, title, icon, initialError }: { auth: StaffAuth; roles: readonly StaffRole[]; title: string; icon: IconName; initialError: SignInError | null }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const heading = useFocusOnMount();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SignInError | null>(initialError);

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    auth
      .login(username.trim(), password)
      .then(async (user: StaffUser) => {
        if (!roles.includes(user.role)) {
          await auth.logout();
          setError('wrong-role');
        }
      })
      .catch((e: unknown) => setError(errorCodeOf(e)))
      .finally(() => setBusy(false));
  };

  const message = error === 'wrong-role' ? t('login.wrongRole') : error === 'expired' ? t('login.expired') : error === 'UNAUTHENTICATED' ? t('login.wrong') : error ? t(`errors.${error}`) : null;

  return (
    <form className="signin" onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        <Icon name={icon} /> {title}
      </h1>
      <label htmlFor={`${id}-user`}>{t('login.username')}</label>
      <input
        id={`${id}-user`}
        data-testid="login-username"
        type="text"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        required
        value={username}
        aria-invalid={error === 'UNAUTHENTICATED'}
        onChange={(e) => setUsername(e.target.value)}
      />
      <label htmlFor={`${id}-password`}>{t('login.password')}</label>
      <input
        id={`${id}-password`}
        data-testid="login-password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        aria-invalid={error === 'UNAUTHENTICATED'}
        aria-describedby={message ? `${id}-error` : undefined}
        onChange={(e) => setPassword(e.target.value)}
      />
      <div role="alert" className="signin__error">
        {message && (
          <p className="field-error" id={`${id}-error`} data-testid="login-error" data-error={error ?? undefined}>
            <Icon name="warning" /> {message}
          </p>
        )}
      </div>
      <button type="submit" className="button button--primary button--large" data-testid="login-submit" disabled={busy || !username.trim() || !password} aria-busy={busy}>
        <Icon name="logout" />
        <span>{busy ? t('login.submitting') : t('login.submit')}</span>
      </button>
    </form>
  );
}

interface GateProps {
  roles: readonly StaffRole[];
  title: string;
  icon: IconName;
  children: (user: StaffUser, auth: StaffAuth) => ReactNode;
}

/** Shows its content to a signed-in member of staff with one of `roles`, and the sign-in form to anyone else. */
export function StaffGate({ roles, title, icon, children }: GateProps): ReactElement {
  const { auth, state } = useStaffAuth();
  const { user } = state;
  if (user && roles.includes(user.role)) return <>{children(user, auth)}</>;
  return <SignInForm key={user ? 'wrong' : 'none'} auth={auth} roles={roles} title={title} icon={icon} initialError={user ? 'wrong-role' : state.expired ? 'expired' : null} />;
}
