import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { CHAT_MAX_CHARS } from '@sign-relay/shared';
import { Icon } from '../components/Icon.tsx';
import { useMediaQuery } from '../hooks/useMediaQuery.ts';
import type { SendRefusal } from './useChatSession.ts';

interface Props {
  /** Queues the message; returns why it was refused, or null. */
  onSend: (body: string) => SendRefusal | null;
  onTyped: (text: string) => void;
  disabled: boolean;
  /** Where the label points people (e.g. "write while you wait"). */
  hint?: string;
}

/** A touch screen (a phone, a tablet, a kiosk): no keyboard to press Enter or Shift+Enter on, so no word about them. */
export const TOUCH_QUERY = '(pointer: coarse), (hover: none)';

/** Characters as the server counts them (code points, so an emoji is one). */
const length = (s: string): number => [...s].length;

/**
 * The message field: Enter sends, Shift+Enter starts a new line (and Enter that ends an IME composition,
 * as Zhuyin and Cangjie use it, never sends). A counter shows the length against the 2,000 limit; empty and
 * over-long messages are refused with words next to the field. The key hint is left out on touch screens.
 */
export function ChatComposer({ onSend, onTyped, disabled, hint }: Props): ReactElement {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<SendRefusal | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const count = length(text);
  const over = count > CHAT_MAX_CHARS;
  const blank = text.trim().length === 0;
  const touch = useMediaQuery(TOUCH_QUERY);

  const submit = (): void => {
    if (disabled) return;
    const refused = blank ? 'empty' : over ? 'too-long' : onSend(text);
    setProblem(refused);
    if (!refused) setText('');
    field.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  };

  const shown = over ? 'too-long' : problem;
  return (
    <form
      className="chat-composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={`${id}-input`} className="chat-composer__label">
        <Icon name="pen" />
        <span>{t('chat.inputLabel')}</span>
      </label>
      {hint && (
        <p className="chat-composer__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div className="chat-composer__row">
        <textarea
          ref={field}
          id={`${id}-input`}
          data-testid="chat-input"
          className="chat-composer__input"
          rows={2}
          value={text}
          disabled={disabled}
          aria-invalid={shown !== null}
          aria-describedby={`${hint ? `${id}-hint ` : ''}${touch ? '' : `${id}-keys `}${id}-count${shown ? ` ${id}-problem` : ''}`}
          onChange={(e) => {
            setText(e.target.value);
            if (problem) setProblem(null);
            onTyped(e.target.value);
          }}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="button button--primary chat-composer__send" data-testid="chat-send" disabled={disabled || blank || over}>
          <Icon name="send" />
          <span>{t('chat.send')}</span>
        </button>
      </div>
      <div className="chat-composer__foot">
        {!touch && (
          <span id={`${id}-keys`} className="chat-composer__keys" data-testid="chat-keys">
            {t('chat.inputKeys')}
          </span>
        )}
        <span id={`${id}-count`} className={`chat-composer__count${over ? ' chat-composer__count--over' : ''}`} data-testid="chat-counter" data-count={count}>
          {t('chat.counter', { count, max: CHAT_MAX_CHARS })}
        </span>
      </div>
      <div role="alert" className="chat-composer__problem">
        {shown && (
          <p className="field-error" id={`${id}-problem`} data-testid="chat-input-error" data-problem={shown}>
            <Icon name="warning" />
            <span>{t(`chat.problems.${shown}`, { max: CHAT_MAX_CHARS })}</span>
          </p>
        )}
      </div>
    </form>
  );
}
