import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRule } from '@sign-relay/shared';
import { Icon } from '../../components/Icon.tsx';

export interface FieldProps {
  id: string;
  label: ReactNode;
  /** The rules this field breaks now (shown once it was touched or a filing was tried). */
  problems: readonly CaseRule[];
  hint?: string | undefined;
  required?: boolean;
  /** The control, given what it is described by and whether it is invalid. */
  children: (a11y: { 'aria-describedby'?: string; 'aria-invalid'?: true; 'aria-required'?: true }) => ReactNode;
  className?: string;
}

/** One form field: its label, the control, a hint, and the broken rules in words, linked for screen readers. */
export function Field({ id, label, problems, hint, required = false, children, className }: FieldProps): ReactElement {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : null;
  const errorId = problems.length > 0 ? `${id}-error` : null;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  return (
    <div className={`case-field${problems.length > 0 ? ' case-field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="case-field__label">
        {label}
        {required && (
          <span className="case-field__required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children({ ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(errorId ? { 'aria-invalid': true as const } : {}), ...(required ? { 'aria-required': true as const } : {}) })}
      {hint && (
        <p id={hintId ?? undefined} className="hint case-field__hint">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="field-error case-field__error" data-testid={`case-error-${id.split('-').pop() ?? id}`}>
          <Icon name="warning" />
          <span>{problems.map((rule) => t(`cases.rules.${rule}`)).join('；')}</span>
        </p>
      )}
    </div>
  );
}
