import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffGate } from '../staff/SignIn.tsx';
import { Wallboard } from './Wallboard.tsx';

/** `/wallboard`: supervisors (and admins) watch the queue and today's service level live. */
export function WallboardPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['supervisor', 'admin']} title={t('login.wallboardTitle')} icon="chart">
      {(user, auth) => <Wallboard user={user} auth={auth} />}
    </StaffGate>
  );
}
