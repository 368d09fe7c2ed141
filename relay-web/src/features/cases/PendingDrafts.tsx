import { useCallback, useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRef, PendingDraft } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { request } from '../../signaling/socket.ts';
import type { SignalingSocket } from '../../signaling/socket.ts';
import { clockTime } from '../../util/time.ts';
import { itemName, listLanguage } from '../caseReceipt/caseNames.ts';
import { CaseForm } from './CaseForm.tsx';
import { caseRefKey } from './caseRef.ts';
import { useCaseWorkspace } from './useCaseWorkspace.ts';

/** The form of one pending draft, opened on the desk. */
function PendingForm({ socket, caseRef }: { socket: SignalingSocket; caseRef: CaseRef }): ReactElement {
  const model = useCaseWorkspace(socket, caseRef);
  return <CaseForm model={model} idPrefix={`pending-${caseRefKey(caseRef)}`} />;
}

/**
 * Case forms typed into and not filed, of calls and chats that have ended (the wrap-up ran out, the desk was
 * reloaded): listed on the desk between calls, each opened here to finish and file. Chats still shown on the desk
 * (`hide`: their cards hold their forms) are left out until their cards are closed.
 */
export function PendingDrafts({ socket, hide }: { socket: SignalingSocket; hide: readonly string[] }): ReactElement | null {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const [drafts, setDrafts] = useState<PendingDraft[]>([]);
  const [open, setOpen] = useState<string | null>(null);

  const load = useCallback(() => {
    request(socket, 'case:drafts', {}).then(setDrafts, () => undefined);
  }, [socket]);
  useEffect(() => {
    load();
    socket.on('connect', load);
    return () => {
      socket.off('connect', load);
    };
    // A closed chat card may leave its form unfiled (`hide` changes); a call's shows up once its wrap-up is over
    // (this remounts then).
  }, [socket, load, hide]);

  const shown = drafts.filter((d) => d.ref.kind !== 'chat' || !hide.includes(d.ref.sessionId));
  if (shown.length === 0) return null;
  return (
    <section className="panel pending-drafts" aria-labelledby="pending-drafts-title" data-testid="pending-drafts" data-count={shown.length}>
      <h2 id="pending-drafts-title">
        <Icon name="pen" /> {t('cases.pending.title', { count: shown.length })}
      </h2>
      <p className="hint">{t('cases.pending.hint')}</p>
      <ul className="pending-drafts__list">
        {shown.map((d) => {
          const key = caseRefKey(d.ref);
          const opened = open === key;
          const what = [d.draft.service ? t(`cases.service.${d.draft.service}`) : t('cases.pending.noService'), d.draft.dispatchItem ? itemName(d.draft.dispatchItem, listLanguage(lang)) : null].filter(Boolean).join('・');
          const text = d.draft.summary || d.draft.description || '';
          return (
            <li key={key} className="pending-drafts__item" data-testid="pending-draft" data-ref={key}>
              <p className="pending-drafts__what">
                <strong>{what}</strong> <span className="hint">{t('cases.pending.savedAt', { time: clockTime(d.updatedAt, lang) })}</span>
              </p>
              {text && <p className="pending-drafts__text">{text.length > 80 ? `${text.slice(0, 80)}…` : text}</p>}
              <button
                type="button"
                className="button button--secondary"
                aria-expanded={opened}
                data-testid="pending-draft-open"
                onClick={() => {
                  if (opened) load();
                  setOpen(opened ? null : key);
                }}
              >
                <Icon name={opened ? 'check' : 'pen'} />
                <span>{opened ? t('cases.pending.close') : t('cases.pending.open')}</span>
              </button>
              {opened && <PendingForm socket={socket} caseRef={d.ref} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
