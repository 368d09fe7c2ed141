import type { ReactElement, ReactNode } from 'react';
import { Icon, type IconName } from '../../components/Icon.tsx';

/** One of the wallboard's figures: a label with its icon, the value large, and more lines under it. */
export function Tile({ icon, label, testId, value, dataValue, tone, children }: { icon: IconName; label: string; testId: string; value: string; dataValue: string | number; tone?: string; children?: ReactNode }): ReactElement {
  return (
    <section className={`tile-figure${tone ? ` tile-figure--${tone}` : ''}`}>
      <h2 className="tile-figure__label">
        <Icon name={icon} /> {label}
      </h2>
      <p className="tile-figure__value" data-testid={testId} data-value={dataValue}>
        {value}
      </p>
      {children && <div className="tile-figure__more">{children}</div>}
    </section>
  );
}
