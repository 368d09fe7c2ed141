import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { Report } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { secondsText, serviceLevelTone } from '../wallboard/figures.ts';
import { countText, percentText } from './reportFormat.ts';

function Figure({ icon, label, value, testId, tone, children }: { icon: IconName; label: string; value: string; testId: string; tone?: 'ok' | 'alarm'; children?: ReactNode }): ReactElement {
  return (
    <div className={`report-figure${tone ? ` report-figure--${tone}` : ''}`}>
      <dt className="report-figure__label">
        <Icon name={icon} /> {label}
      </dt>
      <dd className="report-figure__value" data-testid={testId}>
        {value}
      </dd>
      {children && <dd className="report-figure__more">{children}</dd>}
    </div>
  );
}

/** The period's headline figures: volumes, and the service level against its 80 % target (in words and an icon, never colour alone). */
export function ReportFigures({ report }: { report: Report }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tone = serviceLevelTone(report.serviceLevel);
  const target = Math.round(QUEUE_RULES.serviceLevelTarget * 100);
  return (
    <dl className="report-figures">
      <Figure icon="video" label={t('reports.figures.videoCalls')} value={countText(report.videoCalls, lang)} testId="report-video-calls">
        {t('reports.figures.answered', { n: countText(report.answered, lang) })} · {t('reports.figures.abandoned', { n: countText(report.abandoned, lang) })}
      </Figure>
      <Figure icon="chat" label={t('reports.figures.textChats')} value={countText(report.textChats, lang)} testId="report-text-chats">
        {t('reports.figures.textChatsHint')}
      </Figure>
      <Figure icon="pen" label={t('reports.figures.cases')} value={countText(report.cases, lang)} testId="report-cases" />
      <Figure icon="chart" label={t('reports.figures.serviceLevel')} value={percentText(report.serviceLevel, lang)} testId="report-service-level" tone={tone === 'met' ? 'ok' : tone === 'missed' ? 'alarm' : undefined}>
        <span className="report-figure__keep">
          <Icon name={tone === 'met' ? 'check' : tone === 'missed' ? 'warning' : 'clock'} /> {tone === 'none' ? t('reports.figures.noCalls') : t(`reports.figures.${tone}`)}
        </span>{' '}
        · <span className="report-figure__keep">{t('reports.figures.target', { percent: target })}</span>
      </Figure>
      <Figure icon="logout" label={t('reports.figures.abandonRate')} value={percentText(report.abandonRate, lang)} testId="report-abandon-rate" />
      <Figure icon="clock" label={t('reports.figures.aht')} value={secondsText(report.averageHandleSec)} testId="report-aht" />
    </dl>
  );
}
