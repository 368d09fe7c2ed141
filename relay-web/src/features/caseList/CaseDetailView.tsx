import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '@sign-relay/shared';
import type { StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { ChannelLabel, ServiceLabel } from './CaseLabels.tsx';
import { caseDateTime, districtLabel, itemLabel, seesPersonalData } from './caseFormat.ts';

/** One labelled value of a case; left out when there is nothing to show, unless `always`. */
function Row({ label, value, testId, always }: { label: string; value: ReactNode; testId?: string; always?: boolean }): ReactElement | null {
  const { t } = useTranslation();
  const empty = value === null || value === undefined || value === '';
  if (empty && !always) return null;
  return (
    <div className="case-facts__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{empty ? t('caseList.none') : value}</dd>
    </div>
  );
}

/** A titled panel of the case screen. */
export function Panel({ title, icon, testId, children }: { title: string; icon: IconName; testId: string; children: ReactNode }): ReactElement {
  return (
    <section className="panel case-panel" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <h2 id={`${testId}-title`}>
        <Icon name={icon} /> {title}
      </h2>
      {children}
    </section>
  );
}

/** What was filed: service, item, place, the caller's words as the interpreter wrote them, the agency. */
export function CaseContent({ detail }: { detail: CaseDetail }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const d = detail;
  const coordinates = d.lat !== null && d.lng !== null ? `${d.lat.toFixed(5)}, ${d.lng.toFixed(5)}` : null;
  return (
    <Panel title={t('caseList.detail.content')} icon="petition" testId="case-content">
      <dl className="case-facts">
        <Row label={t('caseList.detail.service')} value={<ServiceLabel service={d.service} />} />
        <Row label={t('caseList.detail.item')} value={d.dispatchItem ? itemLabel(d.dispatchItem, lang) : null} testId="case-item" />
        <Row label={t('caseList.detail.district')} value={d.district ? districtLabel(d.district, lang) : null} testId="case-district" />
        <Row label={t('caseList.detail.address')} value={d.address} />
        <Row label={t('caseList.detail.coordinates')} value={coordinates} />
        <Row label={t('caseList.detail.description')} value={d.description ? <span className="case-text">{d.description}</span> : null} testId="case-description" always />
        <Row label={t('caseList.detail.summary')} value={d.summary ? <span className="case-text">{d.summary}</span> : null} />
        <Row label={t('caseList.detail.agency')} value={d.agency} />
        <Row label={t('caseList.detail.transferOutcome')} value={d.transferOutcome ? t(`caseList.detail.transferOutcomes.${d.transferOutcome}`) : null} />
      </dl>
    </Panel>
  );
}

/**
 * The caller's name and contact, for those who may see them (the server blanks them for anyone else and
 * audits every view); the screen says which of the three it is, never just empty fields.
 */
export function CaseCaller({ detail, viewer }: { detail: CaseDetail; viewer: StaffUser }): ReactElement {
  const { t } = useTranslation();
  const d = detail;
  const may = seesPersonalData(viewer, d.interpreterId);
  const has = d.callerName !== null || d.callerPhone !== null || d.callerEmail !== null;
  return (
    <Panel title={t('caseList.detail.caller')} icon="person" testId="case-caller">
      {!may ? (
        <p className="case-note" data-testid="case-personal-hidden">
          <Icon name="warning" /> {t('caseList.detail.personalHidden')}
        </p>
      ) : !has ? (
        <p className="hint" data-testid="case-no-personal">
          {t('caseList.detail.noPersonal')}
        </p>
      ) : (
        <>
          <p className="case-note case-note--audit" data-testid="case-audit-note">
            <Icon name="warning" /> {t('caseList.detail.auditNote')}
          </p>
          <dl className="case-facts">
            <Row label={t('caseList.detail.callerName')} value={d.callerName} testId="case-caller-name" />
            <Row label={t('caseList.detail.callerPhone')} value={d.callerPhone} testId="case-caller-phone" />
            <Row label={t('caseList.detail.callerEmail')} value={d.callerEmail} testId="case-caller-email" />
          </dl>
        </>
      )}
    </Panel>
  );
}

/** Whether the caller confirmed what was filed (the read-back on their screen), or why it was not asked. */
export function CaseReadBack({ detail }: { detail: CaseDetail }): ReactElement {
  const { t } = useTranslation();
  const { answer, answeredAt, skippedReason } = detail.readBack;
  const [icon, tone, words] =
    answer === 'correct'
      ? (['check', 'ok', t('caseList.detail.readBackCorrect')] as const)
      : answer === 'change'
        ? (['pen', 'warn', t('caseList.detail.readBackChange')] as const)
        : skippedReason
          ? (['warning', 'warn', t('caseList.detail.readBackSkipped', { reason: skippedReason })] as const)
          : (['hourglass', 'neutral', t('caseList.detail.readBackNone')] as const);
  return (
    <Panel title={t('caseList.detail.readBack')} icon="chat" testId="case-readback">
      <p className={`case-readback case-readback--${tone}`} data-answer={answer ?? (skippedReason ? 'skipped' : 'none')}>
        <Icon name={icon} /> <span>{words}</span>
      </p>
      {answeredAt !== null && <p className="hint">{t('caseList.detail.answeredAt', { time: caseDateTime(answeredAt) })}</p>}
    </Panel>
  );
}

/** Where the case came from (call, chat or the city's system; web or kiosk) and who took it. */
export function CaseOrigin({ detail }: { detail: CaseDetail }): ReactElement {
  const { t } = useTranslation();
  const d = detail;
  return (
    <Panel title={t('caseList.detail.origin')} icon={d.source === 'chat' ? 'chat' : d.source === 'call' ? 'video' : 'link'} testId="case-origin">
      <dl className="case-facts">
        <Row label={t('caseList.detail.source')} value={t(`caseList.sources.${d.source}`)} />
        <Row label={t('caseList.detail.channel')} value={<ChannelLabel channel={d.channel} kioskId={d.kioskId} />} />
        <Row label={t('caseList.detail.interpreter')} value={d.interpreterName} always />
        <Row label={t('caseList.detail.callId')} value={d.callId ? <code className="case-id">{d.callId}</code> : null} />
        <Row label={t('caseList.detail.chatId')} value={d.chatSessionId ? <code className="case-id">{d.chatSessionId}</code> : null} />
      </dl>
    </Panel>
  );
}

/** When it was filed, last changed and closed (by whom, with the closing note). */
export function CaseTimes({ detail }: { detail: CaseDetail }): ReactElement {
  const { t } = useTranslation();
  const d = detail;
  return (
    <Panel title={t('caseList.detail.times')} icon="clock" testId="case-times">
      <dl className="case-facts">
        <Row label={t('caseList.detail.filedAt')} value={caseDateTime(d.createdAt)} />
        <Row label={t('caseList.detail.updatedAt')} value={caseDateTime(d.updatedAt)} />
        <Row label={t('caseList.detail.closedAt')} value={d.closedAt !== null ? caseDateTime(d.closedAt) : null} />
        <Row label={t('caseList.detail.closedBy')} value={d.closedAt !== null ? d.closedBy : null} />
        <Row label={t('caseList.detail.closingNote')} value={d.closingNote ? <span className="case-text">{d.closingNote}</span> : null} testId="case-closing-note" />
        <Row label={t('caseList.detail.statusNote')} value={d.statusNote ? <span className="case-text">{d.statusNote}</span> : null} testId="case-status-note" />
      </dl>
    </Panel>
  );
}
