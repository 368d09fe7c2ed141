import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { QUEUE_RULES } from '@sign-relay/shared';
import type { WallboardSnapshot } from '@sign-relay/shared';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { SignedIn } from '../../components/SignedIn.tsx';
import { INTERPRETER_STATE_APPEARANCE } from '../../components/interpreterState.ts';
import { TopicPictogram } from '../../components/TopicPictogram.tsx';
import { useNow } from '../../hooks/useNow.ts';
import { errorCodeOf, request } from '../../signaling/socket.ts';
import type { RequestErrorCode } from '../../signaling/socket.ts';
import { useSignaling } from '../../signaling/useSignaling.ts';
import { clockTime, formatDuration } from '../../util/time.ts';
import './wallboard.css';
import { AlarmBanner, CallbackTile, ChatCount, ChatTile, SigningCell, SigningRule } from './WallboardLines.tsx';
import { countByState, isStale, percentText, secondsText, serviceLevelTone, sortInterpreters, STATE_ORDER, timeInStateSec } from './figures.ts';
import { Tile } from './Tile.tsx';
import { callerSourceLabel } from '../desk/callerSource.ts';

/** The supervisor's live view: the line, the interpreters, calls in progress and today's service level. */
export function Wallboard({ user, auth }: { user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t, i18n } = useTranslation();
  const { socket, connected } = useSignaling(auth);
  const [snap, setSnap] = useState<{ data: WallboardSnapshot; receivedAt: number } | null>(null);
  const [error, setError] = useState<RequestErrorCode | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    if (!socket) return;
    const onUpdate = (data: WallboardSnapshot): void => setSnap({ data, receivedAt: Date.now() });
    // Watching is per connection: ask again after every reconnection.
    const watch = (): void => {
      request(socket, 'wallboard:watch', {}).then(
        (data) => {
          setError(null);
          onUpdate(data);
        },
        (e: unknown) => setError(errorCodeOf(e)),
      );
    };
    socket.on('wallboard:update', onUpdate);
    socket.on('connect', watch);
    if (socket.connected) watch();
    return () => {
      socket.off('wallboard:update', onUpdate);
      socket.off('connect', watch);
    };
  }, [socket]);

  useEffect(() => {
    document.title = `${t('wallboard.title')} · ${t('app.name')}`;
  }, [t]);

  const data = snap?.data;
  const stale = !snap || !connected || isStale(snap.receivedAt, now);
  const counts = data ? countByState(data.interpreters) : null;
  const sl = data?.today.serviceLevel ?? null;
  const slTone = serviceLevelTone(sl);

  return (
    <div className="wallboard" data-stale={stale}>
      <header className="wallboard__head">
        <h1>
          <Icon name="chart" /> {t('wallboard.title')}
        </h1>
        <p className="wallboard__updated" role="status" aria-live="off" data-testid="wb-updated">
          {snap && !stale ? (
            <>
              <Icon name="check" /> {t('wallboard.updated', { time: clockTime(snap.receivedAt, i18n.language) })}
            </>
          ) : (
            <>
              <Icon name="sync" className="icon--spin" /> {t('wallboard.stale')}
            </>
          )}
        </p>
        <SignedIn name={user.displayName} onSignOut={() => void auth.logout()} />
      </header>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="wb-error">
          <Icon name="warning" className="notice__icon" /> {t(`errors.${error}`)}
        </p>
      )}
      {data && counts && (
        <>
          <AlarmBanner alarms={data.alarms} />
          <div className="figures">
            <Tile icon="hourglass" label={t('wallboard.waiting')} testId="wb-waiting-count" value={String(data.waiting.length)} dataValue={data.waiting.length} tone={data.waiting.length > 0 ? 'waiting' : undefined}>
              <p data-testid="wb-longest-wait" data-seconds={data.longestWaitSec}>
                {t('wallboard.longest')} <strong>{formatDuration(data.longestWaitSec)}</strong>
              </p>
            </Tile>
            <ChatTile chats={data.chats} />
            <CallbackTile callbacks={data.callbacks} />
            <Tile icon="video" label={t('wallboard.inProgress')} testId="wb-calls-in-progress" value={String(data.callsInProgress.length)} dataValue={data.callsInProgress.length} />
            <Tile
              icon="chart"
              label={t('wallboard.serviceLevel')}
              testId="wb-service-level"
              value={percentText(sl)}
              dataValue={sl === null ? 'none' : sl}
              tone={slTone === 'met' ? 'ok' : slTone === 'missed' ? 'alarm' : undefined}
            >
              <p data-testid="wb-service-level-tone" data-tone={slTone}>
                <Icon name={slTone === 'met' ? 'check' : slTone === 'missed' ? 'warning' : 'clock'} />{' '}
                {slTone === 'none' ? t('wallboard.noData') : t(`wallboard.${slTone}`)} · {t('wallboard.target', { percent: Math.round(QUEUE_RULES.serviceLevelTarget * 100) })}
              </p>
            </Tile>
            <Tile icon="logout" label={t('wallboard.abandonRate')} testId="wb-abandon-rate" value={percentText(data.today.abandonRate)} dataValue={data.today.abandonRate ?? 'none'}>
              <p>
                {t('wallboard.answered', { count: data.today.answered })} · {t('wallboard.abandoned', { count: data.today.abandoned })}
              </p>
            </Tile>
            <Tile icon="clock" label={t('wallboard.aht')} testId="wb-aht" value={secondsText(data.today.averageHandleSec)} dataValue={data.today.averageHandleSec ?? 'none'} />
            <Tile icon="bell" label={t('wallboard.asa')} testId="wb-asa" value={secondsText(data.today.averageSpeedOfAnswerSec)} dataValue={data.today.averageSpeedOfAnswerSec ?? 'none'} />
          </div>

          <section className="panel wb-section" aria-labelledby="wb-interpreters-title">
            <h2 id="wb-interpreters-title">
              <Icon name="users" /> {t('wallboard.interpreters')}
            </h2>
            <ul className="state-counts">
              {STATE_ORDER.map((state) => {
                const { icon, tone } = INTERPRETER_STATE_APPEARANCE[state];
                return (
                  <li key={state} className={`pill pill--${tone} pill--big`} data-testid="wb-state-count" data-state={state} data-count={counts[state]}>
                    <Icon name={icon} />
                    <span>{t(`interpreterState.${state}`)}</span>
                    <strong>{counts[state]}</strong>
                  </li>
                );
              })}
              {counts.textOnly > 0 && (
                <li className="pill pill--info pill--big" data-testid="wb-state-count" data-state="text-only" data-count={counts.textOnly}>
                  <Icon name="chat" />
                  <span>{t('wallboardLines.textOnly')}</span>
                  <strong>{counts.textOnly}</strong>
                </li>
              )}
            </ul>
            {data.interpreters.length === 0 ? (
              <p className="hint">{t('wallboard.noInterpreters')}</p>
            ) : (
              <ul className="wb-list">
                {sortInterpreters(data.interpreters).map((i) => {
                  const { icon, tone } = INTERPRETER_STATE_APPEARANCE[i.state];
                  return (
                    <li key={i.userId} className="wb-row" data-testid="wb-interpreter" data-user-id={i.userId} data-state={i.state}>
                      <span className="wb-row__name">{i.displayName}</span>
                      <span className={`pill pill--${i.state === 'offline' && i.activeChats > 0 ? 'info' : tone}`} data-testid="wb-interpreter-state">
                        <Icon name={i.state === 'offline' && i.activeChats > 0 ? 'chat' : icon} />
                        {i.state === 'offline' && i.activeChats > 0 ? t('wallboardLines.textOnly') : t(`interpreterState.${i.state}`)}
                        {i.state === 'break' && i.breakReason && ` · ${t(`desk.breakReasons.${i.breakReason}`)}`}
                      </span>
                      <span className="wb-row__time">{formatDuration(timeInStateSec(i.since, data.at))}</span>
                      <ChatCount count={i.activeChats} />
                      <SigningCell signingSince={i.signingSince} at={data.at} />
                    </li>
                  );
                })}
              </ul>
            )}
            <SigningRule />
          </section>

          <div className="wb-columns">
            <section className="panel wb-section" aria-labelledby="wb-waiting-title">
              <h2 id="wb-waiting-title">
                <Icon name="hourglass" /> {t('wallboard.waitingList')}
              </h2>
              {data.waiting.length === 0 ? (
                <p className="hint">{t('wallboard.noneWaiting')}</p>
              ) : (
                <ol className="wb-list">
                  {data.waiting.map((w) => (
                    <li key={w.entryId} className="wb-row" data-testid="wb-waiting" data-state={w.state}>
                      <span className="wb-row__name cell-icon">
                        <TopicPictogram topic={w.topic} />
                        {w.topic ? t(`topics.${w.topic}.name`) : t('offer.noTopic')}
                      </span>
                      <span className="cell-icon">
                        <Icon name={w.channel === 'kiosk' ? 'kiosk' : 'web'} />
                        {callerSourceLabel(t, w)}
                      </span>
                      {w.state === 'offered' && (
                        <span className="pill pill--waiting">
                          <Icon name="bell" />
                          {t('interpreterState.offered')}
                        </span>
                      )}
                      {w.requeued && <span className="pill pill--warn">{t('wallboard.requeued')}</span>}
                      <span className="wb-row__time">{formatDuration(w.waitedSec)}</span>
                    </li>
                  ))}
                </ol>
              )}
            </section>
            <section className="panel wb-section" aria-labelledby="wb-calls-title">
              <h2 id="wb-calls-title">
                <Icon name="video" /> {t('wallboard.inProgress')}
              </h2>
              {data.callsInProgress.length === 0 ? (
                <p className="hint">{t('wallboard.noCalls')}</p>
              ) : (
                <ul className="wb-list">
                  {data.callsInProgress.map((c) => (
                    <li key={c.entryId} className="wb-row" data-testid="wb-call">
                      <span className="wb-row__name">{c.interpreterName}</span>
                      <span className="cell-icon">
                        <Icon name={c.channel === 'kiosk' ? 'kiosk' : 'web'} />
                        {callerSourceLabel(t, c)}
                      </span>
                      <span className="wb-row__time">{formatDuration(timeInStateSec(c.since, data.at))}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </div>
  );
}
