import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CallId } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { InvalidCallId } from '../../components/InvalidCallId.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import { parseCallId } from '../../util/callId.ts';

/** /interpreter/call/<id>: the interpreter joins the call directly. */
export function InterpreterCallPage(): ReactElement {
  const { callId } = useParams();
  const id = parseCallId(callId);
  return id ? <InterpreterCall key={id} callId={id} /> : <InvalidCallId />;
}

function InterpreterCall({ callId }: { callId: CallId }): ReactElement {
  const { t } = useTranslation();
  const { snapshot, controls } = useCallSession(callId, 'interpreter');
  return (
    <>
      <h1 className="visually-hidden">{t('interpreter.title')}</h1>
      <CallView snapshot={snapshot} controls={controls} />
    </>
  );
}
