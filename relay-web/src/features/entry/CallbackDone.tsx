import { useId } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallbackReceipt } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import { useFocusOnMount } from '../../hooks/useFocusOnMount.ts';
import { useSurface } from '../../surface/surface.ts';
import { describeServiceTime } from './serviceTimes.ts';
import { serverNow, useServiceStatus } from './useServiceStatus.ts';
import { contactShown } from './callbackForm.ts';
import type { CallbackRequest } from './callbackForm.ts';

/** "When": the next video opening (the interpreters answer requests in video hours), or "in video hours". */
function useWhen(): string {
  const { t, i18n } = useTranslation();
  const service = useServiceStatus();
  const { status } = service;
  if (!status) return t('callback.when.unknown');
  if (status.video.open || status.video.opensAt === null) return t(status.video.open ? 'callback.when.open' : 'callback.when.unknown');
  const w = describeServiceTime(status.video.opensAt, serverNow(service), status.timeZone, i18n.resolvedLanguage ?? i18n.language);
  return t(`callback.when.${w.day}`, { time: w.time, date: w.date });
}

/**
 * The request is in: its reference number large (to write down or photograph), how the caller will be
 * contacted and roughly when. On a kiosk it says the screen is cleared when the visit ends.
 */
export function CallbackDone({ receipt, request }: { receipt: CallbackReceipt; request: CallbackRequest }): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const surface = useSurface();
  const when = useWhen();
  return (
    <section className="callback callback--done" data-testid="callback-done" data-reference={receipt.reference} aria-labelledby={`${id}-done`}>
      <Icon name="check" className="callback__done-icon" />
      <h2 id={`${id}-done`} ref={heading} tabIndex={-1}>
        {t('callback.done')}
      </h2>
      <div className="callback-ref" role="status">
        <p className="callback-ref__label" id={`${id}-ref`}>
          {t('callback.referenceLabel')}
        </p>
        <p className="callback-ref__number" data-testid="callback-reference" aria-describedby={`${id}-ref`}>
          {receipt.reference}
        </p>
      </div>
      <p className="callback-ref__hint">{t('callback.referenceHint')}</p>
      <p className="callback-done__how" data-testid="callback-how" data-method={receipt.method}>
        <Icon name={receipt.method === 'sms' ? 'chat' : receipt.method === 'email' ? 'mail' : 'video'} />
        <span>{t(`callback.how.${receipt.method}`, { contact: contactShown({ ...request, method: receipt.method }) })}</span>
      </p>
      <p className="callback-done__when" data-testid="callback-when">
        <Icon name="clock" />
        <span>{when}</span>
      </p>
      {surface.kind === 'kiosk' && <p className="hint">{t('callback.kioskNote')}</p>}
    </section>
  );
}
