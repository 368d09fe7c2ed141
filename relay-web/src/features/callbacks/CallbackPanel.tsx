import { useEffect, useId, useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CALLBACK_CLOSE_OUTCOMES } from '@sign-relay/shared';
import type { CallbackItem, CallbackOutcome, CaseRef } from '@sign-relay/shared';
import type { StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { useNow } from '../../hooks/useNow.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { clockTime } from '../../util/time.ts';
import { CaseForm } from '../cases/CaseForm.tsx';
import { useCaseWorkspace } from '../cases/useCaseWorkspace.ts';
import { METHOD_ICON } from '../entry/CallbackForm.tsx';
import { CallbackPager } from './CallbackPager.tsx';
import { waitedParts } from './waited.ts';
import type { CallbackList } from './useCallbackList.ts';
import './callbacks.css';

type CloseOutcome = Exclude<CallbackOutcome, 'case-filed'>;

/** "Call-backs 3": how many requests are open, for the desk's head (always in view). */
export function CallbackCount({ list }: { list: CallbackList }): ReactElement | null {
  const { t } = useTranslation();
  if (list.total === null) return null;
  const n = list.total;
  return (
    <span className={`pill callback-count${n > 0 ? ' callback-count--some' : ''}`} data-testid="callback-count" data-count={n}>
      <Icon name="phone" />
      <span>{t('callbacks.count', { count: n })}</span>
    </span>
  );
}

/** How long a request has waited, in words. */
function Waited({ since, now }: { since: number; now: number }): ReactElement {
  const { t } = useTranslation();
  const w = waitedParts(now - since);
  const text = w.days > 0 ? t('callbacks.waitedDays', w) : w.hours > 0 ? t('callbacks.waitedHours', w) : t('callbacks.waitedMinutes', w);
  return (
    <span className={`callback-item__waited${w.days > 0 || w.hours >= 4 ? ' callback-item__waited--long' : ''}`} data-testid="callback-waited">
      <Icon name="hourglass" /> {t('callbacks.waited', { time: text })}
    </span>
  );
}

/** The case form of a claimed request: opened with the caller's name, contact, topic and note. */
function CallbackCase({ socket, callbackId, onFiled }: { socket: SignalingSocket; callbackId: string; onFiled: (number: string) => void }): ReactElement {
  const { t } = useTranslation();
  const [ref] = useState<CaseRef>(() => ({ kind: 'callback', callbackId }));
  const model = useCaseWorkspace(socket, ref);
  const filed = model.filed?.number ?? null;
  const told = useRef<string | null>(null);
  // Filing closed the request on the server (outcome "case filed"): said once, and the list is fetched again.
  useEffect(() => {
    if (!filed || told.current === filed) return;
    told.current = filed;
    onFiled(filed);
  }, [filed, onFiled]);
  return (
    <div className="callback-case">
      <p className="hint">{t('callbacks.caseHint')}</p>
      <CaseForm model={model} idPrefix={`callback-${callbackId}`} noReadBack={t('callbacks.caseNoReadBack')} />
    </div>
  );
}

/** What the one who took a request does with it: its contact in full, the outcome, a case. */
function CallbackWork({ item, list, socket, onCaseFiled }: { item: CallbackItem; list: CallbackList; socket: SignalingSocket | null; onCaseFiled: (number: string) => void }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState<CloseOutcome | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const [caseOpen, setCaseOpen] = useState(false);
  const busy = list.busy === item.id;

  const close = (): void => {
    if (!outcome) {
      setMissing(true);
      document.getElementById(`${id}-outcome`)?.focus();
      return;
    }
    void list.close(item.id, outcome, note);
  };

  return (
    <div className="callback-work" data-testid="callback-work">
      <fieldset className="callback-work__outcome" aria-describedby={missing ? `${id}-missing` : undefined}>
        <legend>{t('callbacks.outcomeLegend')}</legend>
        <div className="callback-work__choices">
          {CALLBACK_CLOSE_OUTCOMES.map((o, i) => (
            <label key={o} className={`callback-work__choice${outcome === o ? ' callback-work__choice--chosen' : ''}`} data-testid={`callback-outcome-${o}`}>
              <input
                type="radio"
                name={`${id}-outcome`}
                id={i === 0 ? `${id}-outcome` : undefined}
                value={o}
                checked={outcome === o}
                onChange={() => {
                  setOutcome(o);
                  setMissing(false);
                }}
              />
              <span>{t(`callbacks.outcomes.${o}`)}</span>
            </label>
          ))}
        </div>
        {missing && (
          <p className="field-error" id={`${id}-missing`} role="alert">
            <Icon name="warning" /> {t('callbacks.chooseOutcome')}
          </p>
        )}
      </fieldset>
      <div className="callback-work__note">
        <label htmlFor={`${id}-note`}>{t('callbacks.outcomeNote')}</label>
        <textarea id={`${id}-note`} data-testid="callback-outcome-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      <div className="callback-work__actions">
        <button type="button" className="button button--primary" data-testid="callback-close" disabled={busy} aria-busy={busy} onClick={close}>
          <Icon name="check" />
          <span>{t('callbacks.close')}</span>
        </button>
        {socket && (
          <button type="button" className="button button--secondary" data-testid="callback-open-case" aria-expanded={caseOpen} onClick={() => setCaseOpen((o) => !o)}>
            <Icon name="pen" />
            <span>{caseOpen ? t('callbacks.hideCase') : t('callbacks.openCase')}</span>
          </button>
        )}
        <button type="button" className="button button--quiet" data-testid="callback-release" disabled={busy} onClick={() => void list.release(item.id)}>
          <Icon name="back" />
          <span>{t('callbacks.release')}</span>
        </button>
      </div>
      {caseOpen && socket && <CallbackCase socket={socket} callbackId={item.id} onFiled={onCaseFiled} />}
    </div>
  );
}

interface CardProps {
  item: CallbackItem;
  list: CallbackList;
  user: StaffUser;
  socket: SignalingSocket | null;
  now: number;
  onCaseFiled: (reference: string, number: string) => void;
}

function CallbackCard({ item, list, user, socket, now, onCaseFiled }: CardProps): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const mine = item.claimedBy?.id === user.id;
  const canClaim = item.claimedBy === null && user.role !== 'admin';
  const canRelease = !mine && item.claimedBy !== null && user.role === 'supervisor';
  const busy = list.busy === item.id;
  const error = list.actionError?.id === item.id ? list.actionError.code : null;
  const contact = [item.phone, item.email].filter(Boolean).join(' · ');
  const titleId = `callback-${item.id}-title`;

  return (
    <li className={`callback-item${mine ? ' callback-item--mine' : item.claimedBy ? ' callback-item--taken' : ''}`} data-testid="callback-item" data-reference={item.reference} data-claimed={item.claimedBy ? (mine ? 'me' : 'other') : 'none'}>
      <article aria-labelledby={titleId}>
        <header className="callback-item__head">
          <h3 id={titleId} className="callback-item__name">
            {item.name}
          </h3>
          <span className="callback-item__ref">
            {t('callbacks.reference')} <strong data-testid="callback-item-reference">{item.reference}</strong>
          </span>
          <Waited since={item.createdAt} now={now} />
        </header>
        <p className="callback-item__how" data-testid="callback-item-how" data-method={item.method}>
          <Icon name={METHOD_ICON[item.method]} className="callback-item__method-icon" />
          <strong>{t(`callbacks.method.${item.method}`)}</strong>
          <span className="callback-item__contact" data-testid="callback-item-contact" data-masked={item.masked} title={item.masked ? t('callbacks.masked') : undefined}>
            {contact}
          </span>
        </p>
        <p className="callback-item__meta">
          {item.topic ? (
            <span className="callback-item__topic">
              <TopicPictogram topic={item.topic} /> {t(`topics.${item.topic}.name`)}
            </span>
          ) : (
            <span className="hint">{t('callbacks.noTopic')}</span>
          )}
          <span className="hint">
            {clockTime(item.createdAt, lang)}
            {item.channel === 'kiosk' && item.kioskId ? ` · ${t('callbacks.kiosk', { id: item.kioskId })}` : ''}
          </span>
        </p>
        {item.note && (
          <p className="callback-item__note">
            <span className="visually-hidden">{t('callbacks.note')}: </span>
            {item.note}
          </p>
        )}
        <div className="callback-item__state">
          {item.claimedBy && (
            <span className={`pill callback-item__claimed${mine ? ' callback-item__claimed--me' : ''}`} data-testid="callback-claimed-by">
              <Icon name="person" /> {mine ? t('callbacks.claimedByMe') : t('callbacks.claimedBy', { name: item.claimedBy.name })}
            </span>
          )}
          {canClaim && (
            <button type="button" className="button button--primary" data-testid="callback-claim" disabled={busy} aria-busy={busy} onClick={() => void list.claim(item.id)}>
              <Icon name="headset" />
              <span>{t('callbacks.claim')}</span>
            </button>
          )}
          {canRelease && (
            <button type="button" className="button button--quiet" data-testid="callback-release" disabled={busy} onClick={() => void list.release(item.id)}>
              <Icon name="back" />
              <span>{t('callbacks.release')}</span>
            </button>
          )}
        </div>
        {error && (
          <p className="notice notice--error" role="alert" data-testid="callback-action-error" data-error={error}>
            <Icon name="warning" className="notice__icon" />
            <span>{error === 'CONFLICT' ? t('callbacks.errors.taken') : t(`errors.${error}`)}</span>
          </p>
        )}
        {mine && <CallbackWork item={item} list={list} socket={socket} onCaseFiled={(number) => onCaseFiled(item.reference, number)} />}
      </article>
    </li>
  );
}

/**
 * The call-back requests on the desk, a page at a time: this desk's own first, then those nobody has taken, then
 * colleagues'; newest first within each. How long each has waited, how to reach the caller, the topic and note. "Take this one" gives it to this interpreter only (colleagues see who has it); then the
 * contact shows in full, with the outcome to close it and a case form to file from it.
 */
export function CallbackPanel({ list, user, socket }: { list: CallbackList; user: StaffUser; socket: SignalingSocket | null }): ReactElement {
  const { t } = useTranslation();
  const now = useNow(30_000);
  const items = list.items;
  const total = list.total;
  const [filed, setFiled] = useState<{ reference: string; number: string } | null>(null);
  const { refresh } = list;
  const onCaseFiled = (reference: string, number: string): void => {
    setFiled({ reference, number });
    refresh();
  };
  return (
    <section className="panel callbacks" id="callbacks" aria-labelledby="callbacks-title" data-testid="callbacks" data-count={total ?? ''}>
      <h2 id="callbacks-title" className="callbacks__title">
        <Icon name="phone" /> {t('callbacks.title')} <span className="callbacks__count">{total ?? '…'}</span>
      </h2>
      <p className="hint">{t('callbacks.hint')}</p>
      <div role="status" aria-live="polite" className="callbacks__status">
        {list.loadError && (
          <p className="notice notice--warn" data-testid="callbacks-error">
            <Icon name="warning" className="notice__icon" />
            <span>
              {t('callbacks.loadFailed')} {t(`errors.${list.loadError}`)}
            </span>
          </p>
        )}
        {filed && (
          <p className="notice notice--neutral" data-testid="callback-case-filed">
            <Icon name="check" className="notice__icon" />
            <span>{t('callbacks.filedNotice', filed)}</span>
          </p>
        )}
        {items === null && !list.loadError && <p className="hint">{t('callbacks.loading')}</p>}
        {total === 0 && (
          <p className="callbacks__empty" data-testid="callbacks-empty">
            <Icon name="check" /> {t('callbacks.empty')}
          </p>
        )}
      </div>
      {items && items.length > 0 && (
        <ol className="callbacks__list">
          {items.map((item) => (
            <CallbackCard key={item.id} item={item} list={list} user={user} socket={socket} now={now} onCaseFiled={onCaseFiled} />
          ))}
        </ol>
      )}
      <CallbackPager list={list} />
    </section>
  );
}
