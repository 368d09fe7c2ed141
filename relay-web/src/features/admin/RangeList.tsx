import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimeRange } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { DEFAULT_RANGE, HOURS_EDIT_LIMITS } from './hoursEditing.ts';
import type { HoursProblem } from './hoursEditing.ts';

export interface RangeProblem {
  range: number | null;
  field: 'open' | 'close' | null;
  problem: HoursProblem;
}

interface Props {
  ranges: readonly TimeRange[];
  onChange: (ranges: TimeRange[]) => void;
  /** What the ranges belong to, e.g. "Video · Monday" (labels every field). */
  label: string;
  /** Said when there are no ranges ("closed", "the whole day"). */
  emptyText: string;
  problems: readonly RangeProblem[];
  idPrefix: string;
}

/** Opening ranges of one day, `HH:MM`–`HH:MM` (24:00 = end of the day), each removable, and "add a range". */
export function RangeList({ ranges, onChange, label, emptyText, problems, idPrefix }: Props): ReactElement {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<TimeRange>): void => onChange(ranges.map((r, n) => (n === i ? { ...r, ...patch } : r)));
  const dayProblems = problems.filter((p) => p.range === null);
  return (
    <div className="ranges">
      {ranges.length === 0 ? (
        <p className="ranges__empty">{emptyText}</p>
      ) : (
        <ul className="ranges__list">
          {ranges.map((r, i) => {
            const mine = problems.filter((p) => p.range === i);
            const bad = (field: 'open' | 'close') => mine.some((p) => p.field === field);
            const errorId = `${idPrefix}-r${i}-error`;
            const n = i + 1;
            return (
              <li key={i} className="ranges__item">
                <label className="visually-hidden" htmlFor={`${idPrefix}-r${i}-open`}>
                  {t('hours.rangeOpen', { label, n })}
                </label>
                <input
                  id={`${idPrefix}-r${i}-open`}
                  className="time-input"
                  data-testid="hours-range-open"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="09:00"
                  maxLength={5}
                  value={r.open}
                  aria-invalid={bad('open')}
                  aria-describedby={mine.length > 0 ? errorId : undefined}
                  onChange={(e) => set(i, { open: e.target.value })}
                />
                <span aria-hidden="true">–</span>
                <label className="visually-hidden" htmlFor={`${idPrefix}-r${i}-close`}>
                  {t('hours.rangeClose', { label, n })}
                </label>
                <input
                  id={`${idPrefix}-r${i}-close`}
                  className="time-input"
                  data-testid="hours-range-close"
                  type="text"
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder="18:00"
                  maxLength={5}
                  value={r.close}
                  aria-invalid={bad('close')}
                  aria-describedby={mine.length > 0 ? errorId : undefined}
                  onChange={(e) => set(i, { close: e.target.value })}
                />
                <button type="button" className="button button--quiet ranges__remove" data-testid="hours-range-remove" onClick={() => onChange(ranges.filter((_, n2) => n2 !== i))} aria-label={t('hours.removeRange', { label, n })}>
                  <Icon name="trash" />
                </button>
                {mine.length > 0 && (
                  <p className="field-error ranges__error" id={errorId}>
                    <Icon name="warning" />
                    <span>{mine.map((p) => t(`hours.problems.${p.problem}`)).join(' ')}</span>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {dayProblems.map((p) => (
        <p key={p.problem} className="field-error">
          <Icon name="warning" />
          <span>{t(`hours.problems.${p.problem}`)}</span>
        </p>
      ))}
      <button
        type="button"
        className="button button--quiet ranges__add"
        disabled={ranges.length >= HOURS_EDIT_LIMITS.maxRangesPerDay}
        onClick={() => onChange([...ranges, { ...(ranges.length > 0 ? { open: ranges[ranges.length - 1]!.close, close: '24:00' } : DEFAULT_RANGE) }])}
        aria-label={t('hours.addRangeFor', { label })}
      >
        <Icon name="plus" />
        <span>{t('hours.addRange')}</span>
      </button>
    </div>
  );
}
