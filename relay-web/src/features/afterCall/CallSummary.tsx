/**
 * The after-call summary: who ended the call, the interpreter's name, how long it lasted, this call's case
 * numbers, and the conversation to keep — on the web a .txt made in the browser ("下載對話紀錄"), on a kiosk
 * shown on screen to read (nothing is stored on a public device, and the visit's end clears it).
 */
import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseReceipt, ChatMessage } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useSurface } from '../../surface/surface.ts';
import { formatDuration } from '../../util/time.ts';
import { taipeiDateTime } from '../../util/taipeiDateTime.ts';
import { durationSec, receiptsOfCall } from './callRecord.ts';
import type { CallRecord, EndedBy } from './callRecord.ts';
import { authorOf, transcriptFileName, transcriptText } from './transcript.ts';
import './afterCall.css';

/** A downward arrow into a tray. Decorative: the words beside it say what it does. */
function DownloadIcon(): ReactElement {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M12 3v12" />
        <path d="M7 10l5 5 5-5" />
        <path d="M4 17v3h16v-3" />
      </g>
    </svg>
  );
}

/** Saves `text` as a file from the browser's memory (nothing goes to the server). */
export function saveText(text: string, name: string): void {
  // A byte-order mark so every text editor reads the Chinese as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** "下載對話紀錄": the button, and what it saves (described beside it). */
export function DownloadButton({ onDownload, secondary = false }: { onDownload: () => void; secondary?: boolean }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <button
        type="button"
        className={secondary ? 'button button--secondary button--large' : 'button button--primary'}
        data-testid="call-transcript-download"
        onClick={onDownload}
        aria-describedby={`${id}-hint`}
      >
        <DownloadIcon />
        <span>{t('afterCall.download')}</span>
      </button>
      <span id={`${id}-hint`} className="visually-hidden">
        {t('afterCall.downloadHint')}
      </span>
    </>
  );
}

function MessageList({ messages }: { messages: readonly ChatMessage[] }): ReactElement {
  const { t } = useTranslation();
  return (
    <ol className="call-transcript__list" data-testid="call-transcript-list">
      {messages.map((m) => (
        <li key={m.id} className={`call-transcript__item call-transcript__item--${m.from}`} data-from={m.from}>
          <span className="call-transcript__meta">
            <time dateTime={new Date(m.at).toISOString()}>{taipeiDateTime(m.at).slice(11)}</time> {m.from === 'guest' ? t('afterCall.me') : authorOf(m, t)}
          </span>
          <span className="call-transcript__body">{m.body}</span>
        </li>
      ))}
    </ol>
  );
}

interface Props {
  record: CallRecord;
  endedBy: EndedBy | null;
  /** Every receipt this screen knows (the visit's): the summary names those filed since the call began. */
  receipts: readonly CaseReceipt[];
}

export function CallSummary({ record, endedBy, receipts }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const kiosk = useSurface().kind === 'kiosk';
  const [shown, setShown] = useState(false);
  const seconds = durationSec(record);
  const filed = receiptsOfCall(receipts, record.receiptsBefore);
  const names = record.interpreterNames.length > 0 ? record.interpreterNames.join('、') : t('afterCall.unknownName');
  const { messages } = record;

  const download = (): void => {
    const text = transcriptText({ interpreterNames: record.interpreterNames, startedAt: record.startedAt, endedAt: record.endedAt, endedBy, receipts: filed, messages }, t);
    saveText(text, transcriptFileName(record.startedAt, Date.now()));
  };

  return (
    <div className="call-summary" data-testid="call-summary" data-ended-by={endedBy ?? ''}>
      <section className="call-summary__facts" aria-labelledby={`${id}-facts`}>
        <h2 id={`${id}-facts`} className="call-summary__title">
          {t('afterCall.summaryTitle')}
        </h2>
        <dl className="call-summary__list">
          <div>
            <dt>{t('afterCall.interpreter')}</dt>
            <dd data-testid="call-summary-interpreter">{names}</dd>
          </div>
          {seconds !== null && (
            <div>
              <dt>{t('afterCall.duration')}</dt>
              <dd data-testid="call-summary-duration" data-seconds={seconds}>
                {formatDuration(seconds)}
              </dd>
            </div>
          )}
          <div>
            <dt>{t('afterCall.cases')}</dt>
            <dd data-testid="call-summary-cases">
              {filed.length > 0 ? (
                filed.map((r) => (
                  <span key={r.number} className="call-summary__case" data-number={r.number}>
                    {r.number}
                  </span>
                ))
              ) : (
                <span>{t('afterCall.noCases')}</span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <section className={`call-transcript${kiosk ? ' call-transcript--kiosk' : ''}`} data-testid="call-transcript" data-count={messages.length} data-complete={record.complete} aria-labelledby={`${id}-chat`}>
        <h2 id={`${id}-chat`} className="call-summary__title">
          <Icon name="chat" />
          <span>{t('afterCall.conversation')}</span>
        </h2>
        {messages.length === 0 ? (
          <p className="call-transcript__none" role="status">
            {record.complete ? t('afterCall.noMessages') : t('afterCall.loading')}
          </p>
        ) : kiosk ? (
          <>
            <p className="call-transcript__note">{t('afterCall.kioskNote')}</p>
            <MessageList messages={messages} />
          </>
        ) : (
          <>
            <p className="call-transcript__count">{t('afterCall.conversationCount', { count: messages.length })}</p>
            <div className="call-transcript__actions">
              <DownloadButton onDownload={download} />
              <button type="button" className="button button--secondary" data-testid="call-transcript-show" aria-expanded={shown} aria-controls={`${id}-list`} onClick={() => setShown((s) => !s)}>
                <Icon name="chat" />
                <span>{t('afterCall.show')}</span>
              </button>
            </div>
            <p className="call-transcript__hint" aria-hidden="true">
              {t('afterCall.downloadHint')}
            </p>
            <div id={`${id}-list`} hidden={!shown}>
              {shown && <MessageList messages={messages} />}
            </div>
          </>
        )}
      </section>
    </div>
  );
}
