import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { CallId } from '@sign-relay/shared';
import { CallView } from '../../components/CallView.tsx';
import { ConnectionStatus } from '../../components/ConnectionStatus.tsx';
import { InvalidCallId } from '../../components/InvalidCallId.tsx';
import { ShareCall } from '../../components/ShareCall.tsx';
import { useCallSession } from '../../hooks/useCallSession.ts';
import { useCreateCall } from '../../hooks/useCreateCall.ts';
import { parseCallId } from '../../util/callId.ts';

/** /call creates a new call and moves on to /call/<id>; /call/<id> is the caller's call screen. */
export function CallerPage(): ReactElement {
  const { callId } = useParams();
  if (callId === undefined) return <CreateThenCall />;
  const id = parseCallId(callId);
  return id ? <CallerCall key={id} callId={id} /> : <InvalidCallId />;
}

function CallerCall({ callId }: { callId: CallId }): ReactElement {
  const { t } = useTranslation();
  const { snapshot, controls } = useCallSession(callId, 'caller');
  return (
    <>
      <h1 className="visually-hidden">{t('caller.title')}</h1>
      <CallView snapshot={snapshot} controls={controls} aside={<ShareCall callId={callId} />} />
    </>
  );
}

function CreateThenCall(): ReactElement {
  const { t } = useTranslation();
  const { create, error } = useCreateCall();
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    create();
  }, [create]);
  return (
    <>
      <h1 className="visually-hidden">{t('caller.title')}</h1>
      <ConnectionStatus state={error ? 'failed' : 'joining'} />
      {error && (
        <p className="notice notice--error" data-testid="create-call-error" data-error={error} role="alert">
          {t('home.createFailed')} {t(`errors.${error}`)}
        </p>
      )}
    </>
  );
}
