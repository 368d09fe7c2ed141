import { useEffect, useRef } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.tsx';
import type { IconName } from '../../components/Icon.tsx';

export const CONSOLE_PANES = ['case', 'chat', 'caller', 'transfer'] as const;
export type ConsolePane = (typeof CONSOLE_PANES)[number];

const ICONS: Record<ConsolePane, IconName> = { case: 'pen', chat: 'chat', caller: 'person', transfer: 'transfer' };
/** The test ids the call's chat and the hand-over always had (their buttons became these tabs). */
const TEST_IDS: Record<ConsolePane, string> = { case: 'console-tab-case', chat: 'call-chat-open', caller: 'console-tab-caller', transfer: 'transfer-open' };

export interface TabBadge {
  text: string;
  /** Drawn as an alert (a message waiting, a transfer ringing). */
  alert: boolean;
  /** Said to screen readers instead of the bare text. */
  label: string;
}

interface Props {
  idPrefix: string;
  pane: ConsolePane;
  onPane: (pane: ConsolePane) => void;
  badges: Partial<Record<ConsolePane, TabBadge>>;
  /** Extra data on the chat tab (unread count) the e2e specs read. */
  chatUnread: number;
}

/**
 * The console's tools beside the video as tabs: the case form first, then the call's chat, the caller, the
 * hand-over. ←/→, Home and End move between them (the ARIA tabs pattern); Tab goes into the open pane.
 */
export function ConsoleTabs({ idPrefix, pane, onPane, badges, chatUnread }: Props): ReactElement {
  const { t } = useTranslation();
  const list = useRef<HTMLDivElement>(null);
  // The call starts with the focus nowhere (the ring's button is gone): it goes to the open tab, so the keyboard
  // is in the tools at once. Never moves the page, and never takes the focus from anything else.
  useEffect(() => {
    const active = document.activeElement;
    if (active && active !== document.body && active.id !== 'main') return;
    list.current?.querySelector<HTMLButtonElement>('[aria-selected="true"]')?.focus({ preventScroll: true });
  }, []);
  const go = (to: ConsolePane): void => {
    onPane(to);
    list.current?.querySelector<HTMLButtonElement>(`[data-pane="${to}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = CONSOLE_PANES.indexOf(pane);
    const last = CONSOLE_PANES.length - 1;
    const to = e.key === 'ArrowRight' ? (i + 1) % CONSOLE_PANES.length : e.key === 'ArrowLeft' ? (i + last) % CONSOLE_PANES.length : e.key === 'Home' ? 0 : e.key === 'End' ? last : null;
    if (to === null) return;
    e.preventDefault();
    go(CONSOLE_PANES[to]!);
  };
  return (
    <div ref={list} className="console-tabs" role="tablist" aria-label={t('cases.console.label')} onKeyDown={onKeyDown}>
      {CONSOLE_PANES.map((p) => {
        const selected = p === pane;
        const badge = badges[p];
        return (
          <button
            key={p}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${p}`}
            className={`console-tab${selected ? ' console-tab--selected' : ''}${badge?.alert ? ' console-tab--alert' : ''}`}
            data-testid={TEST_IDS[p]}
            data-pane={p}
            {...(p === 'chat' ? { 'data-unread': chatUnread } : {})}
            aria-selected={selected}
            aria-expanded={selected}
            aria-controls={`${idPrefix}-pane-${p}`}
            tabIndex={selected ? 0 : -1}
            onClick={() => onPane(p)}
          >
            <Icon name={ICONS[p]} />
            <span>{t(`cases.console.${p}`)}</span>
            {badge && (
              <span className="console-tab__badge" data-testid={`console-badge-${p}`}>
                <span aria-hidden="true">{badge.text}</span>
                <span className="visually-hidden">{badge.label}</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
