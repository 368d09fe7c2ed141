import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';

interface Props {
  id: string;
  value: number | null | undefined;
  onChange: (value: number | null) => void;
  onBlur: () => void;
  testId: string;
  a11y: Record<string, unknown>;
}

/** Parses a typed coordinate ("25.03", "121,5"); null for an empty or unreadable one. */
export function parseCoordinate(text: string): number | null {
  const s = text.trim().replace(',', '.');
  if (!/^-?\d{1,3}(\.\d*)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** A latitude or longitude typed as text (what is being typed stays as typed; a map click replaces it). */
export function CoordinateInput({ id, value, onChange, onBlur, testId, a11y }: Props): ReactElement {
  const [text, setText] = useState(value === null || value === undefined ? '' : String(value));
  useEffect(() => {
    const typed = parseCoordinate(text);
    if ((value ?? null) !== typed) setText(value === null || value === undefined ? '' : String(value));
    // Only a change from outside (a map click, a reload) rewrites the text, not the typing that made it.
  }, [value]);
  return (
    <input
      id={id}
      type="text"
      inputMode="decimal"
      className="case-input case-input--coordinate"
      data-testid={testId}
      autoComplete="off"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseCoordinate(e.target.value));
      }}
      onBlur={onBlur}
      {...a11y}
    />
  );
}
