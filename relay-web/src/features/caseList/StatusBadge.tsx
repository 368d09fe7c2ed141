import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseStatus } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { STATUS_APPEARANCE } from './caseFormat.ts';

/** A case's status as a pill: its word and pictogram, so it never depends on colour alone. */
export function StatusBadge({ status, large }: { status: CaseStatus; large?: boolean }): ReactElement {
  const { t } = useTranslation();
  const look = STATUS_APPEARANCE[status];
  return (
    <span className={`pill pill--${look.tone}${large ? ' pill--large' : ''}`} data-testid="case-status" data-status={status}>
      <Icon name={look.icon} />
      {t(`caseList.statuses.${status}`)}
    </span>
  );
}
