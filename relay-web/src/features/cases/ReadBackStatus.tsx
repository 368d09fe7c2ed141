import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadBackState } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';
import { clockTime } from '../../util/time.ts';

/** Where the read-back stands, as one word the form can style and test. */
export type ReadBackView = 'none' | 'sent' | 'correct' | 'change' | 'outdated';

export function readBackView(rb: ReadBackState | null): ReadBackView {
  if (!rb) return 'none';
  if (!rb.current) return 'outdated';
  return rb.answer ?? 'sent';
}

const LOOK: Record<ReadBackView, { tone: string; icon: IconName }> = {
  none: { tone: 'neutral', icon: 'pen' },
  sent: { tone: 'waiting', icon: 'hourglass' },
  correct: { tone: 'ok', icon: 'check' },
  change: { tone: 'warn', icon: 'pen' },
  outdated: { tone: 'warn', icon: 'warning' },
};

/** The read-back's state in words, icon and colour: not sent, waiting, 正確 ✓, 要修改, outdated after an edit. */
export function ReadBackStatus({ readBack }: { readBack: ReadBackState | null }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const view = readBackView(readBack);
  const { tone, icon } = LOOK[view];
  const time = (ms: number | null | undefined): string => (ms ? clockTime(ms, lang) : '');
  const text =
    view === 'none'
      ? t('cases.readBack.none')
      : view === 'outdated'
        ? t('cases.readBack.outdated')
        : view === 'sent'
          ? t('cases.readBack.sent', { time: time(readBack?.sentAt) })
          : view === 'correct'
            ? t('cases.readBack.correct', { time: time(readBack?.answeredAt) })
            : t('cases.readBack.change', { time: time(readBack?.answeredAt) });
  return (
    <p className={`status status--${tone} case-readback__state`} data-testid="case-readback-state" data-state={view} role="status" aria-live="polite">
      <Icon name={icon} />
      <span>{text}</span>
    </p>
  );
}
