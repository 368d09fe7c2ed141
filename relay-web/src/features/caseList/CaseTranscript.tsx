import { useRef, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { caseRoutes } from '@sign-relay/shared';
import type { CaseDetail, CaseTranscript as Transcript, ChatMessage } from '@sign-relay/shared';
import type { StaffUser } from '../../auth/StaffAuth.ts';
import { callRoute } from '../../auth/routes.ts';
import type { TokenHolder } from '../../auth/routes.ts';
import { Icon } from '../../components/Icon.tsx';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { Panel } from './CaseDetailView.tsx';
import { caseDateTime, seesPersonalData } from './caseFormat.ts';
import '../../chat/chat.css';

type Load = { state: 'idle' } | { state: 'loading' } | { state: 'loaded'; transcript: Transcript } | { state: 'failed'; error: RequestErrorCode };

/** One chat's messages, read-only, in the chat's own look: the caller on one side, the interpreter on the other, system notes between. */
function Messages({ messages, testId }: { messages: ChatMessage[]; testId: string }): ReactElement {
  const { t } = useTranslation();
  const who = (m: ChatMessage): string =>
    m.from === 'guest'
      ? t('caseList.transcript.caller')
      : m.from === 'system'
        ? t('caseList.transcript.system')
        : m.senderName
          ? t('caseList.transcript.interpreterNamed', { name: m.senderName })
          : t('caseList.transcript.interpreter');
  return (
    <ol className="chat-log__list" data-testid={testId} aria-label={t('caseList.transcript.listLabel')}>
      {messages.map((m) => (
        <li key={m.id} className={`chat-msg chat-msg--${m.from === 'staff' ? 'own' : m.from === 'system' ? 'system' : 'other'}`} data-testid="transcript-message" data-from={m.from} data-seq={m.seq}>
          <p className="chat-msg__who">{who(m)}</p>
          <p className="chat-msg__body">{m.body}</p>
          <p className="chat-msg__meta">
            <time dateTime={new Date(m.at).toISOString()}>{caseDateTime(m.at)}</time>
          </p>
        </li>
      ))}
    </ol>
  );
}

/** What the server answered: the text chat a call came from first, under its own heading, then the call's or chat's own messages. */
function TranscriptBody({ transcript }: { transcript: Transcript }): ReactElement {
  const { t } = useTranslation();
  const { messages, earlier, retained } = transcript;
  const none = messages.length === 0 && earlier.length === 0;
  return (
    <>
      {!retained && (
        <p className="notice notice--neutral" data-testid="case-transcript-deleted">
          <Icon name="trash" className="notice__icon" />
          <span className="notice__body">{t('caseList.transcript.deleted')}</span>
        </p>
      )}
      {none ? (
        retained && (
          <p className="hint" data-testid="case-transcript-empty">
            {t('caseList.transcript.empty')}
          </p>
        )
      ) : (
        // In the page's flow rather than a scrolling box (as on the desk): a transcript is read from top to end.
        <div data-testid="case-transcript-log">
          {earlier.length > 0 && (
            <section className="chat-earlier" aria-labelledby="case-transcript-earlier-title">
              <h3 id="case-transcript-earlier-title" className="chat-earlier__title">
                <Icon name="chat" />
                <span>{t('caseList.transcript.earlier')}</span>
              </h3>
              <Messages messages={earlier} testId="case-transcript-earlier" />
            </section>
          )}
          {earlier.length > 0 && messages.length > 0 && (
            <h3 className="chat-earlier__title">
              <Icon name="video" />
              <span>{t('caseList.transcript.call')}</span>
            </h3>
          )}
          {messages.length > 0 && <Messages messages={messages} testId="case-transcript-messages" />}
        </div>
      )}
    </>
  );
}

/**
 * What was written during the case's call or chat (names and addresses are often typed there): closed at
 * first and loaded only when opened, because opening it is a view of personal data the server audits — the
 * panel says so before it is opened. Only the case's interpreter, supervisors and admins may read it; anyone
 * else is told so instead. Nothing for a case with no call or chat (one from the city's systems).
 */
export function CaseTranscript({ auth, detail, viewer }: { auth: TokenHolder; detail: CaseDetail; viewer: StaffUser }): ReactElement | null {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [load, setLoad] = useState<Load>({ state: 'idle' });
  const asked = useRef(0);
  const may = seesPersonalData(viewer, detail.interpreterId);
  if (detail.callId === null && detail.chatSessionId === null) return null;

  const fetchTranscript = () => {
    const n = ++asked.current;
    setLoad({ state: 'loading' });
    callRoute(auth, caseRoutes.transcript, { params: { id: detail.id } }).then(
      (transcript) => n === asked.current && setLoad({ state: 'loaded', transcript }),
      (e: unknown) => n === asked.current && setLoad({ state: 'failed', error: errorCodeOf(e) }),
    );
  };
  const toggle = () => {
    // Loaded once per visit to the case: closing and opening again shows the same answer (one audited view).
    if (!open && load.state === 'idle') fetchTranscript();
    setOpen(!open);
  };
  const forbidden = !may || (load.state === 'failed' && load.error === 'FORBIDDEN');

  return (
    <Panel title={t('caseList.transcript.title')} icon="chat" testId="case-transcript">
      {forbidden ? (
        <p className="case-note" data-testid="case-transcript-hidden">
          <Icon name="warning" /> {t('caseList.transcript.hidden')}
        </p>
      ) : (
        <>
          <p className="case-note case-note--audit" data-testid="case-transcript-audit-note">
            <Icon name="warning" /> {t('caseList.transcript.auditNote')}
          </p>
          <p>
            <button type="button" className="button button--secondary" data-testid="case-transcript-toggle" aria-expanded={open} aria-controls="case-transcript-body" onClick={toggle}>
              <Icon name="chat" />
              <span>{open ? t('caseList.transcript.hide') : t('caseList.transcript.show')}</span>
            </button>
          </p>
          <div id="case-transcript-body" hidden={!open} data-state={load.state}>
            {open && load.state === 'loading' && (
              <p className="hint" role="status">
                <Icon name="sync" className="icon--spin" /> {t('caseList.transcript.loading')}
              </p>
            )}
            {open && load.state === 'failed' && (
              <div className="notice notice--error" role="alert" data-testid="case-transcript-failed" data-error={load.error}>
                <Icon name="warning" className="notice__icon" />
                <span className="notice__body">
                  {t('caseList.transcript.loadFailed')} {t(`errors.${load.error}`)}
                </span>
                <button type="button" className="button button--secondary" onClick={fetchTranscript}>
                  <Icon name="sync" />
                  <span>{t('caseList.results.retry')}</span>
                </button>
              </div>
            )}
            {open && load.state === 'loaded' && <TranscriptBody transcript={load.transcript} />}
          </div>
        </>
      )}
    </Panel>
  );
}
