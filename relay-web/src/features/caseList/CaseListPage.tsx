/**
 * The cases screens, behind the staff sign-in: `/cases` (the list) and `/cases/:id` (a case). Interpreters
 * read; supervisors and admins also download the CSV and change a case's status.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { StaffGate } from '../staff/SignIn.tsx';
import { CaseDetailScreen } from './CaseDetailScreen.tsx';
import { CaseList } from './CaseList.tsx';
import './caseList.css';
import './caseResults.css';
import './caseDetail.css';

const ROLES = ['interpreter', 'supervisor', 'admin'] as const;

export function CaseListPage(): ReactElement {
  const { t } = useTranslation();
  return (
    <StaffGate roles={ROLES} title={t('caseList.loginTitle')} icon="pen">
      {(user, auth) => <CaseList user={user} auth={auth} />}
    </StaffGate>
  );
}

export function CaseDetailPage(): ReactElement {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  return (
    <StaffGate roles={ROLES} title={t('caseList.loginTitle')} icon="pen">
      {(user, auth) => <CaseDetailScreen key={id} id={id} user={user} auth={auth} />}
    </StaffGate>
  );
}
