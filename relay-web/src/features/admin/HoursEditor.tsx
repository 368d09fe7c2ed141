import { useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { HoursDocument, ServiceHours, ServiceKind } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf } from '../../signaling/socket.ts';
import { ExceptionEditor } from './ExceptionEditor.tsx';
import { addException, copyDayToWeek, dateInZone, normaliseHours, removeException, setWeeklyRanges, updateException, validateHours, WEEKDAY_KEYS, WEEKDAY_ORDER } from './hoursEditing.ts';
import type { FoundProblem } from './hoursEditing.ts';
import { RangeList } from './RangeList.tsx';

interface Props {
  doc: HoursDocument;
  onSave: (hours: ServiceHours, version: number | null) => Promise<HoursDocument>;
  onSaved: () => void;
  onReload: () => void;
  /** The server's clock (the service's "today"), for the date a new special date starts with. */
  now: () => number;
}

type SaveError = { kind: 'conflict' } | { kind: 'server'; message: string } | { kind: 'code'; code: ReturnType<typeof errorCodeOf> };

/** Where a problem is, in words: "Video · Monday · range 2", "Special date 1 (2026-09-01) · notice". */
function usePlaceWords(hours: ServiceHours): (p: FoundProblem) => string {
  const { t } = useTranslation();
  return ({ place }) => {
    if (place.kind === 'weekly') {
      const parts = [t(`hours.service.${place.service}`), t(`hours.weekdays.${WEEKDAY_KEYS[place.weekday]}`)];
      if (place.range !== null) parts.push(t('hours.rangeN', { n: place.range + 1 }));
      return parts.join(' · ');
    }
    const e = hours.exceptions[place.index];
    const parts = [`${t('hours.exceptionN', { n: place.index + 1 })}${e?.date ? ` (${e.date})` : ''}`, t(`hours.fields.${place.field}`)];
    if (place.range !== null) parts.push(t('hours.rangeN', { n: place.range + 1 }));
    return parts.join(' · ');
  };
}

function WeekEditor({ hours, service, problems, onChange }: { hours: ServiceHours; service: ServiceKind; problems: readonly FoundProblem[]; onChange: (h: ServiceHours) => void }): ReactElement {
  const { t } = useTranslation();
  const title = t(`hours.week.${service}`);
  return (
    <section className="panel hours-week" aria-labelledby={`week-${service}`} data-testid={`hours-week-${service}`}>
      <div className="hours-week__head">
        <h2 id={`week-${service}`}>
          <Icon name={service === 'video' ? 'video' : 'chat'} /> {title}
        </h2>
        <button type="button" className="button button--quiet" data-testid={`hours-copy-monday-${service}`} onClick={() => onChange(copyDayToWeek(hours, service, 1))}>
          <Icon name="copy" />
          <span>{t('hours.copyMonday')}</span>
        </button>
      </div>
      <div className="hours-week__days">
        {WEEKDAY_ORDER.map((d) => {
          const day = t(`hours.weekdays.${WEEKDAY_KEYS[d]}`);
          const mine = problems.flatMap((p) => (p.place.kind === 'weekly' && p.place.service === service && p.place.weekday === d ? [{ range: p.place.range, field: p.place.field, problem: p.problem }] : []));
          return (
            <div key={d} className="hours-day" role="group" aria-labelledby={`day-${service}-${d}`} data-testid={`hours-day-${service}-${d}`}>
              <span className="hours-day__name" id={`day-${service}-${d}`}>
                {day}
              </span>
              <RangeList
                ranges={hours[service][d] ?? []}
                onChange={(ranges) => onChange(setWeeklyRanges(hours, service, d, ranges))}
                label={`${t(`hours.service.${service}`)} ${day}`}
                emptyText={t('hours.closedDay')}
                problems={mine}
                idPrefix={`${service}-${d}`}
              />
            </div>
          );
        })}
      </div>
    </section>
  );
}

/** The whole editor: weekly video and text hours, the special dates, and saving with the version read. */
export function HoursEditor({ doc, onSave, onSaved, onReload, now }: Props): ReactElement {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ServiceHours>(doc.hours);
  const [version, setVersion] = useState(doc.version);
  const [problems, setProblems] = useState<FoundProblem[]>([]);
  const [saveError, setSaveError] = useState<SaveError | null>(null);
  const [saving, setSaving] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const placeWords = usePlaceWords(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(doc.hours) || version !== doc.version;

  const change = (next: ServiceHours): void => {
    setDraft(next);
    setSavedVersion(null);
    if (problems.length > 0) setProblems(validateHours(normaliseHours(next)));
  };

  const save = (): void => {
    if (saving) return;
    const normalised = normaliseHours(draft);
    setDraft(normalised);
    const found = validateHours(normalised);
    setProblems(found);
    setSaveError(null);
    setSavedVersion(null);
    if (found.length > 0) {
      requestAnimationFrame(() => summary.current?.focus());
      return;
    }
    setSaving(true);
    onSave(normalised, version).then(
      (saved) => {
        setSaving(false);
        setDraft(saved.hours);
        setVersion(saved.version);
        setSavedVersion(saved.version);
        onSaved();
      },
      (error: unknown) => {
        setSaving(false);
        const message = error instanceof Error ? error.message : '';
        const code = errorCodeOf(error);
        setSaveError(code === 'CONFLICT' ? { kind: 'conflict' } : code === 'BAD_REQUEST' && message ? { kind: 'server', message } : { kind: 'code', code });
        requestAnimationFrame(() => summary.current?.focus());
      },
    );
  };

  const hasErrors = problems.length > 0 || saveError !== null;
  return (
    <div className="hours-editor">
      <WeekEditor hours={draft} service="video" problems={problems} onChange={change} />
      <WeekEditor hours={draft} service="text" problems={problems} onChange={change} />
      <section className="panel hours-exceptions" aria-labelledby="hours-exceptions-title">
        <h2 id="hours-exceptions-title">
          <Icon name="calendar" /> {t('hours.exceptions')}
        </h2>
        <p className="hint">{t('hours.exceptionsHint')}</p>
        {draft.exceptions.length === 0 && <p className="hours-exceptions__none">{t('hours.noExceptions')}</p>}
        {draft.exceptions.map((e, i) => (
          <ExceptionEditor key={e.id} exception={e} index={i} problems={problems} onChange={(patch) => change(updateException(draft, i, patch))} onRemove={() => change(removeException(draft, i))} />
        ))}
        <button type="button" className="button button--secondary" data-testid="hours-exception-add" onClick={() => change(addException(draft, dateInZone(now(), draft.timeZone, 1)))}>
          <Icon name="plus" />
          <span>{t('hours.exceptionAdd')}</span>
        </button>
      </section>

      <div className="hours-savebar">
        <div ref={summary} tabIndex={-1} className="hours-savebar__messages" role="alert">
          {hasErrors && (
            <div className="notice notice--error hours-error" data-testid="hours-error" data-kind={saveError?.kind ?? 'problems'}>
              <Icon name="warning" className="notice__icon" />
              <div className="notice__body">
                {saveError?.kind === 'conflict' ? (
                  <>
                    <p className="notice__title">{t('hours.conflictTitle')}</p>
                    <p>{t('hours.conflict')}</p>
                    <button type="button" className="button button--secondary" data-testid="hours-reload" onClick={onReload}>
                      <Icon name="sync" />
                      <span>{t('hours.reload')}</span>
                    </button>
                  </>
                ) : saveError?.kind === 'server' ? (
                  <>
                    <p className="notice__title">{t('hours.serverRefused')}</p>
                    <p lang="en">{saveError.message}</p>
                  </>
                ) : saveError?.kind === 'code' ? (
                  <p className="notice__title">{t(`errors.${saveError.code}`)}</p>
                ) : (
                  <>
                    <p className="notice__title">{t('hours.fixThese', { count: problems.length })}</p>
                    <ul className="hours-error__list">
                      {problems.slice(0, 12).map((p, n) => (
                        <li key={n}>
                          {placeWords(p)}: {t(`hours.problems.${p.problem}`)}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            </div>
          )}
        </div>
        <div className="hours-savebar__row">
          <div role="status" className="hours-savebar__state">
          {savedVersion !== null && !dirty ? (
            <p className="hours-saved" data-testid="hours-saved" data-version={savedVersion}>
              <Icon name="check" />
              <span>{t('hours.saved', { version: savedVersion })}</span>
            </p>
          ) : dirty ? (
            <p className="hours-dirty">
              <Icon name="pen" />
              <span>{t('hours.unsaved')}</span>
            </p>
          ) : null}
          </div>
          <button type="button" className="button button--primary button--large" data-testid="hours-save" onClick={save} disabled={saving} aria-busy={saving}>
            <Icon name="check" />
            <span>{saving ? t('hours.saving') : t('hours.save')}</span>
          </button>
        </div>
      </div>
    </div>
  );
}
