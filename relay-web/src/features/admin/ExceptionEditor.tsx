import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoursException, ServiceKind } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { FoundProblem } from './hoursEditing.ts';
import { RangeList } from './RangeList.tsx';

interface Props {
  exception: HoursException;
  index: number;
  problems: readonly FoundProblem[];
  onChange: (patch: Partial<HoursException>) => void;
  onRemove: () => void;
}

const SERVICES: readonly ServiceKind[] = ['video', 'text'];

/** One dated change: the date, which services, closed or a special opening, the times, and the public notice in both languages. */
export function ExceptionEditor({ exception: e, index, problems, onChange, onRemove }: Props): ReactElement {
  const { t } = useTranslation();
  const id = `exc-${e.id}`;
  const here = problems.filter((p) => p.place.kind === 'exception' && p.place.index === index);
  const on = (field: string) => here.filter((p) => p.place.kind === 'exception' && p.place.field === field);
  const errorOf = (field: string) => {
    const list = on(field);
    return list.length === 0 ? null : (
      <p className="field-error" id={`${id}-${field}-error`}>
        <Icon name="warning" />
        <span>{list.map((p) => t(`hours.problems.${p.problem}`)).join(' ')}</span>
      </p>
    );
  };
  const described = (field: string) => (on(field).length > 0 ? `${id}-${field}-error` : undefined);
  const rangeProblems = on('ranges').flatMap((p) => (p.place.kind === 'exception' ? [{ range: p.place.range, field: p.place.rangeField, problem: p.problem }] : []));
  const servicesLabel = e.services.map((s) => t(`hours.service.${s}`)).join('、');

  return (
    <fieldset className="exception" data-testid="hours-exception" data-index={index}>
      <legend>
        <Icon name="calendar" /> {t('hours.exceptionN', { n: index + 1 })} {e.date}
      </legend>
      <div className="exception__grid">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('hours.date')}</label>
          <input id={`${id}-date`} data-testid="hours-exception-date" type="date" value={e.date} aria-invalid={on('date').length > 0} aria-describedby={described('date')} onChange={(ev) => onChange({ date: ev.target.value })} />
          {errorOf('date')}
        </div>
        <fieldset className="field field--inline" aria-describedby={described('services')}>
          <legend>{t('hours.services')}</legend>
          {SERVICES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                data-testid={`hours-exception-${s}`}
                checked={e.services.includes(s)}
                onChange={(ev) => onChange({ services: ev.target.checked ? [...e.services.filter((x) => x !== s), s] : e.services.filter((x) => x !== s) })}
              />
              <Icon name={s === 'video' ? 'video' : 'chat'} />
              <span>{t(`hours.service.${s}`)}</span>
            </label>
          ))}
          {errorOf('services')}
        </fieldset>
        <fieldset className="field field--inline">
          <legend>{t('hours.kind')}</legend>
          {(['closed', 'open'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name={`${id}-kind`} data-testid={`hours-exception-${k}`} checked={e.kind === k} onChange={() => onChange({ kind: k })} />
              <Icon name={k === 'closed' ? 'power' : 'check'} />
              <span>{t(`hours.kinds.${k}`)}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <div className="field">
        <p className="field__label" id={`${id}-ranges-label`}>
          {t('hours.exceptionRanges')}
        </p>
        <p className="hint">{e.kind === 'closed' ? t('hours.closedRangesHint') : t('hours.openRangesHint')}</p>
        <RangeList
          ranges={e.ranges ?? []}
          onChange={(ranges) => onChange({ ranges })}
          label={`${t('hours.exceptionN', { n: index + 1 })} ${servicesLabel}`}
          emptyText={e.kind === 'closed' ? t('hours.wholeDay') : t('hours.noRanges')}
          problems={rangeProblems}
          idPrefix={`${id}-ranges`}
        />
      </div>
      <div className="exception__messages">
        <div className="field">
          <label htmlFor={`${id}-zh`}>{t('hours.messageZh')}</label>
          <textarea id={`${id}-zh`} lang="zh-TW" data-testid="hours-exception-message-zh" rows={2} value={e.message['zh-TW']} aria-invalid={on('message').length > 0} aria-describedby={described('message')} onChange={(ev) => onChange({ message: { ...e.message, 'zh-TW': ev.target.value } })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-en`}>{t('hours.messageEn')}</label>
          <textarea id={`${id}-en`} lang="en" data-testid="hours-exception-message-en" rows={2} value={e.message.en} aria-invalid={on('message').length > 0} aria-describedby={described('message')} onChange={(ev) => onChange({ message: { ...e.message, en: ev.target.value } })} />
        </div>
        {errorOf('message')}
      </div>
      <button type="button" className="button button--danger-outline exception__remove" data-testid="hours-exception-remove" onClick={onRemove}>
        <Icon name="trash" />
        <span>{t('hours.exceptionRemove')}</span>
      </button>
    </fieldset>
  );
}
