/**
 * The wallboard's other lines: the alarm banner (callers waiting with nobody to answer, call-backs left too
 * long), the text-chat and call-back tiles, and each interpreter's signing without a break.
 */
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { WALLBOARD_RULES } from '@sign-relay/shared';
import type { WallboardAlarm, WallboardSnapshot } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { formatDuration } from '../../util/time.ts';
import { fatigueLevel, signingSec } from './figures.ts';
import { Tile } from './Tile.tsx';
import type { FatigueLevel } from './figures.ts';

const ALARM_ICON: Record<WallboardAlarm['kind'], IconName> = { 'video-unstaffed': 'video', 'chat-unstaffed': 'chat', 'callback-overdue': 'phone' };

/** A large red banner while something needs a supervisor; nothing at all while every line is covered. */
export function AlarmBanner({ alarms }: { alarms: readonly WallboardAlarm[] }): ReactElement | null {
  const { t } = useTranslation();
  if (alarms.length === 0) return null;
  return (
    <section className="wb-alarm" role="alert" aria-labelledby="wb-alarm-title" data-testid="wb-alarm" data-kinds={alarms.map((a) => a.kind).join(' ')}>
      <h2 id="wb-alarm-title" className="wb-alarm__title">
        <Icon name="warning" className="wb-alarm__icon" /> {t('wallboardLines.alarmTitle')}
      </h2>
      <ul className="wb-alarm__list">
        {alarms.map((a) => (
          <li key={a.kind} data-testid="wb-alarm-item" data-kind={a.kind}>
            <Icon name={ALARM_ICON[a.kind]} />
            <span>
              {t(`wallboardLines.alarms.${a.kind}`, { count: a.waiting, hours: WALLBOARD_RULES.callbackOverdueSec / 3600 })}
              <span className="wb-alarm__longest"> · {t('wallboardLines.alarmLongest', { time: formatDuration(a.longestWaitSec) })}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The text-chat line: chats waiting (ringing included), the longest wait, the seats in use and open. */
export function ChatTile({ chats }: { chats: WallboardSnapshot['chats'] }): ReactElement {
  const { t } = useTranslation();
  const tone = chats.waiting > 0 ? (chats.seatsOpen === 0 ? 'alarm' : 'waiting') : undefined;
  return (
    <Tile icon="chat" label={t('wallboardLines.chatsWaiting')} testId="wb-chats-waiting" value={String(chats.waiting)} dataValue={chats.waiting} tone={tone}>
      <p data-testid="wb-chats-longest" data-seconds={chats.longestWaitSec}>
        {t('wallboard.longest')} <strong>{formatDuration(chats.longestWaitSec)}</strong>
      </p>
      <p data-testid="wb-chat-seats" data-in-use={chats.seatsInUse} data-open={chats.seatsOpen}>
        <Icon name="users" /> {t('wallboardLines.seats', { inUse: chats.seatsInUse, open: chats.seatsOpen })}
      </p>
    </Tile>
  );
}

/** Call-back requests open, how many are being handled, and how long the oldest has waited. */
export function CallbackTile({ callbacks }: { callbacks: WallboardSnapshot['callbacks'] }): ReactElement {
  const { t } = useTranslation();
  const overdue = callbacks.oldestWaitSec !== null && callbacks.oldestWaitSec > WALLBOARD_RULES.callbackOverdueSec;
  const tone = overdue ? 'alarm' : callbacks.open > 0 ? 'waiting' : undefined;
  return (
    <Tile icon="phone" label={t('wallboardLines.callbacksOpen')} testId="wb-callbacks-open" value={String(callbacks.open)} dataValue={callbacks.open} tone={tone}>
      {callbacks.open === 0 ? (
        <p>{t('wallboardLines.callbacksNone')}</p>
      ) : (
        <>
          <p data-testid="wb-callbacks-claimed" data-value={callbacks.claimed}>
            <Icon name="headset" /> {t('wallboardLines.callbacksClaimed', { count: callbacks.claimed })}
          </p>
          <p data-testid="wb-callbacks-oldest" data-seconds={callbacks.oldestWaitSec ?? 'none'}>
            {overdue && <Icon name="warning" />} {t('wallboardLines.callbacksOldest', { time: formatDuration(callbacks.oldestWaitSec ?? 0) })}
          </p>
        </>
      )}
    </Tile>
  );
}

const FATIGUE_TONE: Record<FatigueLevel, string> = { ok: 'neutral', amber: 'waiting', red: 'error' };
const FATIGUE_ICON: Record<FatigueLevel, IconName> = { ok: 'hands', amber: 'clock', red: 'warning' };

/** How long this interpreter has signed without a break: time, and from 20 minutes a word and a colour. */
export function SigningCell({ signingSince, at }: { signingSince: number | null; at: number }): ReactElement {
  const { t } = useTranslation();
  const seconds = signingSec(signingSince, at);
  const level = fatigueLevel(seconds);
  if (seconds === null) {
    return (
      <span className="wb-signing wb-signing--rested" data-testid="wb-signing" data-level="rested" data-seconds="none">
        <Icon name="coffee" /> {t('wallboardLines.signingNone')}
      </span>
    );
  }
  return (
    <span className={`wb-signing pill pill--${FATIGUE_TONE[level]}`} data-testid="wb-signing" data-level={level} data-seconds={seconds}>
      <Icon name={FATIGUE_ICON[level]} />
      <span>
        {t('wallboardLines.signing')} <strong className="wb-signing__time">{formatDuration(seconds)}</strong>
        {level !== 'ok' && <> · {t(`wallboardLines.fatigue.${level}`)}</>}
      </span>
    </span>
  );
}

/** The text chats an interpreter carries now, when any. */
export function ChatCount({ count }: { count: number }): ReactElement | null {
  const { t } = useTranslation();
  if (count === 0) return null;
  return (
    <span className="pill pill--info" data-testid="wb-active-chats" data-count={count}>
      <Icon name="chat" />
      <span aria-hidden="true">{t('wallboardLines.chatsActive', { count })}</span>
      <span className="visually-hidden">{t('wallboardLines.chatsActiveLabel', { count })}</span>
    </span>
  );
}

/** How signing without a break is measured, under the interpreters. */
export function SigningRule(): ReactElement {
  const { t } = useTranslation();
  return <p className="hint wb-rule">{t('wallboardLines.signingRule', { gap: WALLBOARD_RULES.breakGapSec / 60, amber: WALLBOARD_RULES.signingAmberSec / 60, red: WALLBOARD_RULES.signingRedSec / 60 })}</p>;
}
