import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StaffGate } from '../staff/SignIn.tsx';
import { Desk } from './Desk.tsx';

/** `/desk`: interpreters and supervisors sign in and take calls from the queue. */
export function DeskPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={['interpreter', 'supervisor']} title={t('login.deskTitle')} icon="headset">
      {(user, auth) => <Desk user={user} auth={auth} />}
    </StaffGate>
  );
}
