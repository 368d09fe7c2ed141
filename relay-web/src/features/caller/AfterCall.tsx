import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CallEnded, CallFailed } from '../../components/CallOutcome.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { CaseNoticesPanel } from '../caseReceipt/CaseNoticesPanel.tsx';
import type { CaseNotices } from '../caseReceipt/useCaseNotices.ts';
import { CallSummary } from '../afterCall/CallSummary.tsx';
import { endedBy } from '../afterCall/callRecord.ts';
import type { CallRecord } from '../afterCall/callRecord.ts';
import type { CallerOutcome } from './callerFlow.ts';

interface Props {
  outcome: CallerOutcome;
  onAgain: () => void;
  onHome: () => void;
  /** This visit's receipts (and a read-back still to answer): the case numbers stay on screen after the call. */
  cases: CaseNotices;
  /** The call that just ended (null when there was none, or it is not known): the summary and the conversation. */
  record?: CallRecord | null;
}

type ActionProps = Pick<Props, 'onAgain' | 'onHome'>;

function Actions({ onAgain, onHome }: ActionProps): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="outcome__actions">
      <button type="button" className="button button--primary button--large" data-testid="call-again" onClick={onAgain}>
        <Icon name="video" />
        <span>{t('after.callAgain')}</span>
      </button>
      <button type="button" className="button button--secondary button--large" data-testid="go-home" onClick={onHome}>
        <Icon name="home" />
        <span>{t('after.home')}</span>
      </button>
    </div>
  );
}

function LeftQueue({ reason, cases, onAgain, onHome }: { reason: 'left' | 'lost' } & Omit<Props, 'outcome'>): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  return (
    <section className="outcome" data-testid="queue-left" data-reason={reason} aria-labelledby="left-title">
      <Icon name="logout" className="outcome__icon" />
      <h2 id="left-title" ref={heading} tabIndex={-1}>
        {reason === 'left' ? t('after.leftTitle') : t('after.lostTitle')}
      </h2>
      {reason === 'lost' && <p className="outcome__reason">{t('after.lostBody')}</p>}
      <CaseNoticesPanel notices={cases} placement="page" listTitle />
      <Actions onAgain={onAgain} onHome={onHome} />
    </section>
  );
}

/** The call is over: who ended it, the summary with the conversation to keep, this visit's case numbers, what next. */
function CallOver({ outcome, record, cases, onAgain, onHome }: { outcome: Extract<CallerOutcome, { kind: 'ended' }>; record: CallRecord } & Omit<Props, 'outcome' | 'record'>): ReactElement {
  const { t } = useTranslation();
  const heading = useFocusOnMount();
  const by = endedBy(outcome, record.hungUpHere);
  return (
    <section className="outcome outcome--ended" data-testid="call-ended" data-reason={outcome.reason} data-ended-by={by ?? ''} aria-labelledby="call-ended-title">
      <Icon name="hangup" className="outcome__icon" />
      <h2 id="call-ended-title" ref={heading} tabIndex={-1}>
        {t('ended.title')}
      </h2>
      <p className="outcome__reason" data-testid="call-ended-by">
        {by ? t(`afterCall.endedBy.${by}`) : t(`ended.reason.${outcome.reason}`)}
      </p>
      <CallSummary record={record} endedBy={by} receipts={cases.receipts} />
      <CaseNoticesPanel notices={cases} placement="page" listTitle />
      <Actions onAgain={onAgain} onHome={onHome} />
    </section>
  );
}

/** After the call (or the wait) is over: what happened, the summary and conversation, this visit's case numbers, and "call again". */
export function AfterCall({ outcome, onAgain, onHome, cases, record = null }: Props): ReactElement {
  const { t } = useTranslation();
  const title = <h1 className="visually-hidden">{t('caller.title')}</h1>;
  switch (outcome.kind) {
    case 'ended':
      if (record) {
        return (
          <>
            {title}
            <CallOver outcome={outcome} record={record} cases={cases} onAgain={onAgain} onHome={onHome} />
          </>
        );
      }
      return (
        <>
          {title}
          <CallEnded reason={outcome.reason}>
            <CaseNoticesPanel notices={cases} placement="page" listTitle />
            <Actions onAgain={onAgain} onHome={onHome} />
          </CallEnded>
        </>
      );
    case 'failed':
      return (
        <>
          {title}
          <CallFailed failure={outcome.failure}>
            {record && <CallSummary record={record} endedBy={endedBy(outcome, record.hungUpHere)} receipts={cases.receipts} />}
            <CaseNoticesPanel notices={cases} placement="page" listTitle />
            <Actions onAgain={onAgain} onHome={onHome} />
          </CallFailed>
        </>
      );
    case 'left-queue':
      return (
        <>
          {title}
          <LeftQueue reason={outcome.reason} cases={cases} onAgain={onAgain} onHome={onHome} />
        </>
      );
  }
}
