/**
 * Two pictograms only the read-back and the receipt use (a place pin, a camera for "take a photo"), drawn like
 * the app's {@link Icon}s: inline, decorative, next to their words.
 */
import type { ReactElement } from 'react';

function Drawn({ className, children }: { className?: string | undefined; children: ReactElement }): ReactElement {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        {children}
      </g>
    </svg>
  );
}

export function PlaceIcon({ className }: { className?: string }): ReactElement {
  return (
    <Drawn className={className}>
      <>
        <path d="M12 21.5s-7-6.2-7-11.8a7 7 0 0 1 14 0c0 5.6-7 11.8-7 11.8z" />
        <circle cx="12" cy="9.5" r="2.6" />
      </>
    </Drawn>
  );
}

export function CameraIcon({ className }: { className?: string }): ReactElement {
  return (
    <Drawn className={className}>
      <>
        <path d="M3 8.5A1.5 1.5 0 0 1 4.5 7h3l1.6-2.5h5.8L16.5 7h3A1.5 1.5 0 0 1 21 8.5v10a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 18.5z" />
        <circle cx="12" cy="13.2" r="3.8" />
      </>
    </Drawn>
  );
}
