import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import type { StaffAuth } from '../../auth/StaffAuth.ts';
import { errorCodeOf } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { clockTime, formatDuration } from '../../util/time.ts';
import { callDurationSec, callReasonKey, callStartMs, fetchTodayCalls, sortCalls } from './todayCalls.ts';
import type { TodayCall } from '@sign-relay/shared';

/** Today's calls of this interpreter: time, topic, duration, how it ended. Reloaded whenever `version` changes. */
export function TodayCalls({ auth, version }: { auth: StaffAuth; version: number }): ReactElement {
  const { t, i18n } = useTranslation();
  const [calls, setCalls] = useState<TodayCall[] | null>(null);
  const [error, setError] = useState<RequestErrorCode | null>(null);

  useEffect(() => {
    let cancelled = false;
    const load = async (): Promise<void> => {
      let token = auth.token();
      if (!token) return;
      try {
        let rows: TodayCall[];
        try {
          rows = await fetchTodayCalls(token);
        } catch (e) {
          if (errorCodeOf(e) !== 'UNAUTHENTICATED') throw e;
          token = await auth.renew();
          if (!token) return;
          rows = await fetchTodayCalls(token);
        }
        if (!cancelled) {
          setCalls(sortCalls(rows));
          setError(null);
        }
      } catch (e) {
        if (!cancelled) setError(errorCodeOf(e));
      }
    };
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [auth, version]);

  return (
    <section className="panel today" data-testid="today-calls" data-count={calls?.length ?? 0} aria-labelledby="today-title">
      <h2 id="today-title">
        <Icon name="clock" /> {t('today.title')}
      </h2>
      {error && (
        <p className="notice notice--error" role="alert">
          <Icon name="warning" className="notice__icon" /> {t(`errors.${error}`)}
        </p>
      )}
      {calls && calls.length === 0 && <p className="hint">{t('today.empty')}</p>}
      {calls && calls.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="today-title">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('today.time')}</th>
                <th scope="col">{t('today.topic')}</th>
                <th scope="col">{t('today.duration')}</th>
                <th scope="col">{t('today.result')}</th>
              </tr>
            </thead>
            <tbody>
              {calls.map((call) => {
                const duration = callDurationSec(call);
                const reason = callReasonKey(call);
                return (
                  <tr key={call.id} data-testid="today-call" data-reason={reason}>
                    <td>{clockTime(callStartMs(call), i18n.language)}</td>
                    <td>
                      <span className="cell-icon">
                        <TopicPictogram topic={call.topic} />
                        {call.topic ? t(`topics.${call.topic}.name`) : t('offer.noTopic')}
                      </span>
                    </td>
                    <td>{duration === null ? '—' : formatDuration(duration)}</td>
                    <td>
                      {t(`today.reasons.${reason}`)}
                      {call.transferredFrom && <span className="tag">{t('today.transferredIn')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
