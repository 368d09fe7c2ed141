import { useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { dispatchItem, searchDispatchItems } from '@sign-relay/shared';
import type { DispatchItem } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';

interface Props {
  id: string;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  onBlur?: () => void;
  a11y: { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true };
}

/** How a chosen item reads in the field: its code and its name in the screen's language. */
export function itemText(item: DispatchItem, lang: string): string {
  return `${item.code} ${lang === 'en' ? item.en : item.zh}`;
}

/**
 * The items matching a query, best first: a code or an English word that starts with what was typed comes
 * before a match inside a word ("tree" finds the street tree before the street light).
 */
export function rankedItems(query: string): DispatchItem[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const score = (i: DispatchItem): number => {
    const starts = `${i.code} ${i.en}`.toLowerCase().split(/[\s/(),-]+/);
    return words.every((w) => starts.some((s) => s.startsWith(w)) || i.zh.includes(w)) ? 0 : 1;
  };
  return searchDispatchItems(query)
    .map((item, n) => ({ item, n, s: score(item) }))
    .sort((a, b) => a.s - b.s || a.n - b.n)
    .map((x) => x.item);
}

/**
 * The 22 dispatch items as a combobox: type a code, Chinese or English words to narrow the list, ↑/↓ to move,
 * Enter to pick, Escape to close. Each option shows both names, so either language finds it.
 */
export function ItemPicker({ id, value, onChange, onBlur, a11y }: Props): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.resolvedLanguage ?? i18n.language;
  const listId = useId();
  const chosen = value ? dispatchItem(value) : undefined;
  const shown = chosen ? itemText(chosen, lang) : '';
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(() => rankedItems(query ?? ''), [query]);
  const activeItem = open ? matches[Math.min(active, matches.length - 1)] : undefined;

  const pick = (item: DispatchItem): void => {
    onChange(item.code);
    setQuery(null);
    setOpen(false);
  };
  const move = (to: number): void => {
    const n = Math.max(0, Math.min(matches.length - 1, to));
    setActive(n);
    setOpen(true);
    list.current?.querySelector(`[data-index="${n}"]`)?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.nativeEvent.isComposing) return;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        move(open ? active + 1 : 0);
        break;
      case 'ArrowUp':
        e.preventDefault();
        move(open ? active - 1 : matches.length - 1);
        break;
      case 'Enter':
        if (open && activeItem) {
          e.preventDefault();
          pick(activeItem);
        }
        break;
      case 'Escape':
        if (open || query !== null) {
          e.preventDefault();
          setOpen(false);
          setQuery(null);
        }
        break;
      default:
        break;
    }
  };

  return (
    <div className="item-picker">
      <div className="item-picker__row">
        <input
          id={id}
          type="text"
          role="combobox"
          className="case-input item-picker__input"
          data-testid="case-item-input"
          data-code={value ?? ''}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('cases.item.placeholder')}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={activeItem ? `${listId}-${activeItem.code}` : undefined}
          value={query ?? shown}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onFocus={(e) => e.currentTarget.select()}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setQuery(null);
            onBlur?.();
          }}
          {...a11y}
        />
        {chosen && (
          <button type="button" className="button button--quiet case-icon-button" data-testid="case-item-clear" onClick={() => onChange(undefined)} aria-label={t('cases.item.clear')}>
            <Icon name="trash" />
          </button>
        )}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {open ? (matches.length === 0 ? t('cases.item.none') : t('cases.item.count', { count: matches.length })) : ''}
      </p>
      <ul ref={list} id={listId} role="listbox" className="item-picker__list" aria-label={t('cases.item.label')} hidden={!open} data-testid="case-item-list">
        {matches.map((item, n) => (
          <li
            key={item.code}
            id={`${listId}-${item.code}`}
            role="option"
            className={`item-picker__option${item === activeItem ? ' item-picker__option--active' : ''}`}
            aria-selected={item.code === value}
            data-index={n}
            data-code={item.code}
            data-testid="case-item-option"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(item)}
          >
            <span className="item-picker__code">{item.code}</span>
            <span className="item-picker__names">
              <span lang="zh-TW">{item.zh}</span>
              <span lang="en" className="item-picker__en">
                {item.en}
              </span>
            </span>
            {item.code === value && <Icon name="check" />}
          </li>
        ))}
        {matches.length === 0 && (
          <li role="presentation" className="item-picker__none">
            {t('cases.item.none')}
          </li>
        )}
      </ul>
    </div>
  );
}
