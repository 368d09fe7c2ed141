import { useId, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, CHANNELS, DISPATCH_ITEMS, DISTRICTS } from '@sign-relay/shared';
import type { CaseFilter, UserId } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { TOPIC_ORDER } from '../../components/TopicPictogram.tsx';
import { defaultRange, filterFromForm, formFromFilter, searchFromQuery } from './caseFilters.ts';
import type { FilterForm, FilterKey, FilterProblem } from './caseFilters.ts';
import { districtLabel, itemLabel } from './caseFormat.ts';

const searchKey = (filter: CaseFilter): string => searchFromQuery({ filter, page: 1, pageSize: 0 }).toString();

interface Props {
  filter: CaseFilter;
  /** The signed-in member of staff ("only cases I took"). */
  userId: UserId;
  today: string;
  /** Phones: the form folds away under its heading and a one-line summary of the filters. */
  collapsible: boolean;
  onApply(filter: CaseFilter): void;
}

/**
 * The list's filters as a search form: every field labelled, problems named next to their field (and focus
 * moved to the first), applied on submit so the list does not jump while someone is still choosing.
 */
export function CaseFilters({ filter, userId, today, collapsible, onApply }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const id = useId();
  const [form, setForm] = useState<FilterForm>(() => formFromFilter(filter));
  const [problems, setProblems] = useState<FilterProblem[]>([]);
  const [open, setOpen] = useState(false);
  const folded = collapsible && !open;
  const toggle = useRef<HTMLButtonElement>(null);
  // The list's filter changed from outside (back, forward, a link): the form shows it, as React advises
  // for state that follows a prop (set during render, no remount, so focus stays where it was).
  const shown = searchKey(filter);
  const [formOf, setFormOf] = useState(shown);
  if (formOf !== shown) {
    setFormOf(shown);
    setForm(formFromFilter(filter));
    setProblems([]);
  }

  const fieldId = (key: FilterKey): string => `${id}-${key}`;
  const problemOf = (key: FilterKey): FilterProblem | undefined => problems.find((p) => p.field === key);
  const set = (key: FilterKey) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setProblems((ps) => ps.filter((p) => p.field !== key && !(key === 'from' && p.rule === 'date-order')));
  };
  /** The input's description: its hint and, when there is one, its problem. */
  const describedBy = (key: FilterKey, hint = false): string | undefined => {
    const ids = [hint ? `${fieldId(key)}-hint` : '', problemOf(key) ? `${fieldId(key)}-problem` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  };
  const problemText = (key: FilterKey): ReactElement | null => {
    const p = problemOf(key);
    return p ? (
      <p className="field-error" id={`${fieldId(key)}-problem`} data-testid={`filter-problem-${key}`}>
        <Icon name="warning" /> {t(`caseList.filters.problems.${p.rule}`)}
      </p>
    ) : null;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const result = filterFromForm(form);
    if (!result.ok) {
      setProblems(result.problems);
      const first = result.problems[0];
      if (first) document.getElementById(fieldId(first.field))?.focus();
      return;
    }
    setProblems([]);
    onApply(result.filter);
    // On a phone the form folds away to show the results; focus goes to the button that opens it again.
    if (collapsible) {
      setOpen(false);
      toggle.current?.focus();
    }
  };
  const onReset = (): void => {
    const filter = defaultRange(today);
    setForm(formFromFilter(filter));
    setProblems([]);
    onApply(filter);
  };

  const select = (key: 'service' | 'item' | 'district' | 'status' | 'channel', options: { value: string; label: string }[]): ReactElement => (
    <div className={key === 'item' ? 'field case-filters__wide' : 'field'}>
      <label htmlFor={fieldId(key)}>{t(`caseList.filters.${key}`)}</label>
      <select id={fieldId(key)} data-testid={`filter-${key}`} value={form[key]} onChange={set(key)}>
        <option value="">{t('caseList.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  const text = (key: 'kiosk' | 'number', maxLength: number): ReactElement => (
    <div className="field">
      <label htmlFor={fieldId(key)}>{t(`caseList.filters.${key}`)}</label>
      <input
        id={fieldId(key)}
        data-testid={`filter-${key}`}
        type="text"
        autoComplete="off"
        spellCheck={false}
        maxLength={maxLength}
        value={form[key]}
        aria-invalid={problemOf(key) ? true : undefined}
        aria-describedby={describedBy(key, true)}
        onChange={set(key)}
      />
      <p className="hint" id={`${fieldId(key)}-hint`}>
        {t(`caseList.filters.${key}Hint`)}
      </p>
      {problemText(key)}
    </div>
  );
  const date = (key: 'from' | 'to'): ReactElement => (
    <div className="field">
      <label htmlFor={fieldId(key)}>{t(`caseList.filters.${key}`)}</label>
      <input
        id={fieldId(key)}
        data-testid={`filter-${key}`}
        type="date"
        value={form[key]}
        aria-invalid={problemOf(key) ? true : undefined}
        aria-describedby={describedBy(key)}
        onChange={set(key)}
      />
      {problemText(key)}
    </div>
  );

  const mine = form.interpreter === '' || form.interpreter === userId;
  const summary = [
    filter.from && filter.to ? `${filter.from} – ${filter.to}` : filter.from ? `${filter.from} –` : filter.to ? `– ${filter.to}` : null,
    filter.service ? t(`topics.${filter.service}.name`) : null,
    filter.item ? itemLabel(filter.item, lang) : null,
    filter.district ? districtLabel(filter.district, lang) : null,
    filter.status ? t(`caseList.statuses.${filter.status}`) : null,
    filter.channel ? t(`caseList.channels.${filter.channel}`) : null,
    filter.kiosk ?? null,
    filter.number ?? null,
    filter.interpreter ? (filter.interpreter === userId ? t('caseList.filters.mine') : t('caseList.filters.sameInterpreter')) : null,
  ].filter((w): w is string => w !== null);
  return (
    <form className="panel case-filters" role="search" aria-labelledby={`${id}-title`} onSubmit={onSubmit} noValidate data-testid="case-filters">
      <div className="case-filters__head">
        <h2 id={`${id}-title`}>
          <Icon name="calendar" /> {t('caseList.filters.title')}
        </h2>
        {collapsible && (
          <button type="button" ref={toggle} className="button button--secondary" aria-expanded={open} aria-controls={`${id}-body`} data-testid="filter-toggle" onClick={() => setOpen((o) => !o)}>
            <Icon name={open ? 'back' : 'pen'} />
            <span>{open ? t('caseList.filters.hide') : t('caseList.filters.show')}</span>
          </button>
        )}
      </div>
      {folded && (
        <p className="case-filters__summary" data-testid="filter-summary">
          {summary.length ? summary.join('・') : t('caseList.filters.none')}
        </p>
      )}
      <div id={`${id}-body`} hidden={folded}>
        <div className="case-filters__grid">
          <fieldset className="case-filters__dates">
            <legend>{t('caseList.filters.dates')}</legend>
            {date('from')}
            {date('to')}
          </fieldset>
          {select(
            'service',
            TOPIC_ORDER.map((s) => ({ value: s, label: t(`topics.${s}.name`) })),
          )}
          {select(
            'status',
            CASE_STATUSES.map((s) => ({ value: s, label: t(`caseList.statuses.${s}`) })),
          )}
          {select(
            'item',
            DISPATCH_ITEMS.map((i) => ({ value: i.code, label: itemLabel(i.code, lang) })),
          )}
          {select(
            'district',
            DISTRICTS.map((d) => ({ value: d.code, label: districtLabel(d.code, lang) })),
          )}
          {select(
            'channel',
            CHANNELS.map((c) => ({ value: c, label: t(`caseList.channels.${c}`) })),
          )}
          {text('kiosk', 64)}
          {text('number', 20)}
          <div className="case-filters__wide case-filters__mine">
            <label className="check">
              <input
                type="checkbox"
                data-testid="filter-mine"
                checked={form.interpreter !== ''}
                onChange={(e) => setForm((f) => ({ ...f, interpreter: e.target.checked ? userId : '' }))}
              />
              <span>{mine ? t('caseList.filters.mine') : t('caseList.filters.sameInterpreter')}</span>
            </label>
          </div>
        </div>
        <div className="case-filters__actions">
          <button type="submit" className="button button--primary" data-testid="filter-apply">
            <Icon name="forward" />
            <span>{t('caseList.filters.apply')}</span>
          </button>
          <button type="button" className="button button--secondary" data-testid="filter-reset" onClick={onReset}>
            <Icon name="sync" />
            <span>{t('caseList.filters.reset')}</span>
          </button>
        </div>
      </div>
    </form>
  );
}
