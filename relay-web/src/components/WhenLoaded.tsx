import type { ReactElement, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePreloaded } from '../hooks/usePreloaded.ts';
import type { Preload } from '../util/preload.ts';
import { ConnectionStatus } from './ConnectionStatus.tsx';
import { Icon } from './Icon.tsx';

/**
 * Renders a preloaded part as soon as it is there (at once if it already is); until then the call's
 * "joining" state, and if the fetch failed, a visible error with a way to try again.
 */
export function WhenLoaded<T>({ source, children }: { source: Preload<T>; children: (part: T) => ReactNode }): ReactElement {
  const { t } = useTranslation();
  const { part, failed, retry } = usePreloaded(source);
  if (part !== undefined) return <>{children(part)}</>;
  if (!failed) return <ConnectionStatus state="joining" />;
  return (
    <div className="notice notice--error" data-testid="part-load-failed" role="alert">
      <Icon name="warning" className="notice__icon" />
      <span>{t('app.partFailed')}</span>
      <button type="button" className="button button--primary" data-testid="part-load-retry" onClick={retry}>
        <Icon name="sync" />
        <span>{t('app.retry')}</span>
      </button>
    </div>
  );
}
