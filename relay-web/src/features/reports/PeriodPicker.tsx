import { useId } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportQuery } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { isFuture, shiftPeriod, switchPeriod, taipeiToday } from './reportFormat.ts';

/**
 * Day or month, which one, and a step either side. Native month and date inputs (keyboard and screen
 * readers know them); a period that has not started cannot be chosen.
 */
export function PeriodPicker({ query, now, onChange }: { query: ReportQuery; now: number; onChange(q: ReportQuery): void }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const today = taipeiToday(now);
  const isDay = query.period === 'day';
  const next = shiftPeriod(query, 1);
  return (
    <section className="panel reports__controls" aria-labelledby={`${id}-legend`}>
      <fieldset className="segmented">
        <legend id={`${id}-legend`}>{t('reports.period')}</legend>
        {(['month', 'day'] as const).map((period) => (
          <label key={period} className="segmented__option">
            <input type="radio" name={`${id}-period`} value={period} checked={query.period === period} onChange={() => onChange(switchPeriod(query, period, now))} data-testid={`report-period-${period}`} />
            <span>{t(`reports.${period}`)}</span>
          </label>
        ))}
      </fieldset>
      <div className="reports__pick">
        <button type="button" className="button button--secondary" onClick={() => onChange(shiftPeriod(query, -1))} data-testid="report-previous">
          <Icon name="back" />
          <span>{t(isDay ? 'reports.previousDay' : 'reports.previousMonth')}</span>
        </button>
        <label className="reports__date">
          <span>{t(isDay ? 'reports.pickDay' : 'reports.pickMonth')}</span>
          <input
            type={isDay ? 'date' : 'month'}
            value={query.date}
            max={isDay ? today : today.slice(0, 7)}
            required
            data-testid="report-date"
            onChange={(e) => {
              const value = e.target.value;
              const pattern = isDay ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
              if (pattern.test(value)) onChange({ period: query.period, date: value } as ReportQuery);
            }}
          />
        </label>
        <button type="button" className="button button--secondary" disabled={isFuture(next, now)} onClick={() => onChange(next)} data-testid="report-next">
          <span>{t(isDay ? 'reports.nextDay' : 'reports.nextMonth')}</span>
          <Icon name="forward" />
        </button>
      </div>
    </section>
  );
}
