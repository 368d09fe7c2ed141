/**
 * Pictograms drawn inline (no icon font, no network). Always decorative: the text next to an
 * icon carries the meaning, the icon makes it recognisable at a glance.
 */
import type { ReactElement, ReactNode } from 'react';

export type IconName =
  | 'video'
  | 'video-off'
  | 'mic'
  | 'mic-off'
  | 'hangup'
  | 'expand'
  | 'shrink'
  | 'hands'
  | 'globe'
  | 'link'
  | 'copy'
  | 'check'
  | 'warning'
  | 'hourglass'
  | 'sync'
  | 'home'
  | 'headset'
  | 'clock'
  | 'speaker'
  | 'bell'
  | 'coffee'
  | 'power'
  | 'logout'
  | 'users'
  | 'pen'
  | 'kiosk'
  | 'web'
  | 'chart'
  | 'back'
  | 'forward'
  | 'consultation'
  | 'transfer'
  | 'petition'
  | 'dispatch'
  | 'female'
  | 'male'
  | 'person'
  | 'chat'
  | 'send'
  | 'phone'
  | 'mail'
  | 'plus'
  | 'trash'
  | 'calendar';

/** Line drawings share one stroke style. */
function Lines({ children }: { children: ReactNode }): ReactElement {
  return (
    <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {children}
    </g>
  );
}

const PATHS: Record<IconName, ReactElement> = {
  video: <path d="M3 6h12a2 2 0 0 1 2 2v2.5l4-3v9l-4-3V16a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" />,
  'video-off': (
    <>
      <path d="M3 6h12a2 2 0 0 1 2 2v2.5l4-3v9l-4-3V16a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2z" opacity="0.45" />
      <path d="M2 3l19 19" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </>
  ),
  mic: (
    <>
      <rect x="9" y="2" width="6" height="12" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0h-2a5 5 0 0 1-10 0zM11 18h2v4h-2z" />
    </>
  ),
  'mic-off': (
    <>
      <rect x="9" y="2" width="6" height="12" rx="3" opacity="0.45" />
      <path d="M5 11a7 7 0 0 0 14 0h-2a5 5 0 0 1-10 0zM11 18h2v4h-2z" opacity="0.45" />
      <path d="M3 3l18 18" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
    </>
  ),
  hangup: (
    <path d="M12 9c-3.2 0-6.2.8-8.8 2.3a1.6 1.6 0 0 0-.7 1.9l.9 2.4c.3.7 1 1.1 1.8.9l3-.8c.6-.2 1-.7 1-1.4v-1.7a10 10 0 0 1 5.6 0v1.7c0 .7.4 1.2 1 1.4l3 .8c.8.2 1.5-.2 1.8-.9l.9-2.4a1.6 1.6 0 0 0-.7-1.9C18.2 9.8 15.2 9 12 9z" />
  ),
  expand: (
    <Lines>
      <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
    </Lines>
  ),
  shrink: (
    <Lines>
      <path d="M9 4v5H4M20 9h-5V4M15 20v-5h5M4 15h5v5" />
    </Lines>
  ),
  hands: (
    <path d="M7 21c-2.2-1.4-3.5-3.6-3.5-6.2V8.5a1.2 1.2 0 0 1 2.4 0V12h.8V4.8a1.2 1.2 0 0 1 2.4 0V11h.8V3.6a1.2 1.2 0 0 1 2.4 0V11h.8V5a1.2 1.2 0 0 1 2.4 0v8.3l1.6-2.2a1.4 1.4 0 0 1 2.3 1.6l-3.2 5.1A8 8 0 0 1 13 21z" />
  ),
  globe: (
    <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 6h-3a15.6 15.6 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4zM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4zm.8 2h3a15.6 15.6 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 8 0 0 1 4.4-3.6C8.9 5.5 8.4 6.7 8.1 8zM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.2 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.8-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4z" />
  ),
  link: (
    <path d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0zM7 17a3 3 0 0 1 0-4.2l2-2-1.4-1.4-2 2a5 5 0 0 0 7.1 7.1l2-2-1.4-1.4-2 2A3 3 0 0 1 7 17zm12.4-12.4a5 5 0 0 0-7.1 0l-2 2 1.4 1.4 2-2a3 3 0 0 1 4.2 4.2l-2 2 1.4 1.4 2-2a5 5 0 0 0 0-7z" />
  ),
  copy: <path d="M8 3h10a2 2 0 0 1 2 2v12h-2V5H8zM4 7h10a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V9a2 2 0 0 1 2-2z" />,
  check: <path d="M9 16.2l-4.2-4.2-1.4 1.4L9 19 21 7l-1.4-1.4z" />,
  warning: <path d="M1 21h22L12 2zm12-3h-2v-2h2zm0-4h-2v-4h2z" />,
  hourglass: <path d="M6 2h12v6l-4 4 4 4v6H6v-6l4-4-4-4zm2 2v3.2l4 4 4-4V4zm4 8.8l-4 4V20h8v-3.2z" />,
  sync: (
    <path d="M12 4V1L8 5l4 4V6a6 6 0 0 1 5.2 9l1.5 1.5A8 8 0 0 0 12 4zm0 14a6 6 0 0 1-5.2-9L5.3 7.5A8 8 0 0 0 12 20v3l4-4-4-4z" />
  ),
  home: <path d="M12 3l10 9h-3v9h-5v-6h-4v6H5v-9H2z" />,
  headset: (
    <path d="M12 2a9 9 0 0 0-9 9v6a3 3 0 0 0 3 3h2v-8H5v-1a7 7 0 0 1 14 0v1h-3v8h3v1h-6v2h6a2 2 0 0 0 2-2v-9a9 9 0 0 0-9-9z" />
  ),
  clock: (
    <path d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm0 18a8 8 0 1 1 0-16 8 8 0 0 1 0 16zm.5-13H11v6l5.2 3.2.8-1.3-4.5-2.7z" />
  ),
  speaker: <path d="M3 9v6h4l5 5V4L7 9zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4zM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6z" />,
  bell: <path d="M12 22a2.5 2.5 0 0 0 2.5-2.5h-5A2.5 2.5 0 0 0 12 22zm7-6v-5a7 7 0 0 0-5.5-6.8v-.7a1.5 1.5 0 0 0-3 0v.7A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />,
  coffee: (
    <Lines>
      <path d="M4 9h12v4a5 5 0 0 1-5 5H9a5 5 0 0 1-5-5zM16 10h1.5a2.5 2.5 0 0 1 0 5H16M3 21h14M8 3v3M12 3v3" />
    </Lines>
  ),
  power: (
    <Lines>
      <path d="M12 3v9M7 5.5a8 8 0 1 0 10 0" />
    </Lines>
  ),
  logout: (
    <Lines>
      <path d="M14 4H5v16h9M10 12h11M17 8l4 4-4 4" />
    </Lines>
  ),
  users: (
    <Lines>
      <circle cx="9" cy="8" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 4.8a3.5 3.5 0 0 1 0 6.4M18 14a6.5 6.5 0 0 1 3.5 6" />
    </Lines>
  ),
  pen: (
    <Lines>
      <path d="M4 20h4L19 9l-4-4L4 16zM13.5 6.5l4 4M4 20h16" />
    </Lines>
  ),
  kiosk: (
    <Lines>
      <rect x="5" y="3" width="14" height="11" rx="1.5" />
      <path d="M12 14v5M7 21h10M9.5 8.5l2 2 3-3.5" />
    </Lines>
  ),
  web: (
    <Lines>
      <rect x="3" y="4" width="18" height="12" rx="1.5" />
      <path d="M1.5 20h21M10 8l4 2-4 2z" />
    </Lines>
  ),
  chart: (
    <Lines>
      <path d="M3 3v18h18M7 16v-4M11 16V8M15 16v-6M19 16V5" />
    </Lines>
  ),
  back: (
    <Lines>
      <path d="M19 12H5M11 6l-6 6 6 6" />
    </Lines>
  ),
  forward: (
    <Lines>
      <path d="M5 12h14M13 6l6 6-6 6" />
    </Lines>
  ),
  consultation: (
    <Lines>
      <path d="M3.5 4.5h17v11.5H10l-4.5 4v-4h-2z" />
      <path d="M9.8 8.3a2.3 2.3 0 1 1 3.3 2c-.7.4-1.1.8-1.1 1.6" />
      <circle cx="12" cy="13.8" r="0.4" fill="currentColor" />
    </Lines>
  ),
  transfer: (
    <Lines>
      <path d="M3 8h15M14 4l4 4-4 4M21 16H6M10 12l-4 4 4 4" />
    </Lines>
  ),
  petition: (
    <Lines>
      <path d="M14 3H6v18h12V7zM14 3v4h4M9 11h6M9 15h6M9 18h3" />
    </Lines>
  ),
  dispatch: (
    <Lines>
      <path d="M14.7 6.3a4 4 0 0 0-5.4 5.2L3.5 17.3a1.9 1.9 0 0 0 2.7 2.7l5.8-5.8a4 4 0 0 0 5.2-5.4l-2.6 2.6-2.4-.5-.5-2.4z" />
    </Lines>
  ),
  female: (
    <Lines>
      <circle cx="12" cy="9" r="5" />
      <path d="M12 14v8M8.5 18.5h7" />
    </Lines>
  ),
  male: (
    <Lines>
      <circle cx="10" cy="14" r="5" />
      <path d="M13.6 10.4L20 4M15 4h5v5" />
    </Lines>
  ),
  person: (
    <Lines>
      <circle cx="12" cy="7.5" r="3.5" />
      <path d="M5 21a7 7 0 0 1 14 0" />
    </Lines>
  ),
  chat: (
    <Lines>
      <path d="M4 4.5h16v11H11l-4.5 4v-4H4z" />
      <path d="M8 9h8M8 12h5" />
    </Lines>
  ),
  send: (
    <Lines>
      <path d="M3 11.5L21 3l-6.5 18-3-7.5zM11.5 13.5L21 3" />
    </Lines>
  ),
  phone: (
    <Lines>
      <path d="M5 3.5h3.5l1.8 4.5-2.3 1.5a11 11 0 0 0 6.5 6.5l1.5-2.3 4.5 1.8V19a1.5 1.5 0 0 1-1.5 1.5A16.5 16.5 0 0 1 3.5 5 1.5 1.5 0 0 1 5 3.5z" />
    </Lines>
  ),
  mail: (
    <Lines>
      <rect x="3" y="5" width="18" height="14" rx="1.5" />
      <path d="M3.5 6l8.5 7 8.5-7" />
    </Lines>
  ),
  plus: (
    <Lines>
      <path d="M12 5v14M5 12h14" />
    </Lines>
  ),
  trash: (
    <Lines>
      <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6" />
    </Lines>
  ),
  calendar: (
    <Lines>
      <rect x="3" y="5" width="18" height="16" rx="1.5" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </Lines>
  ),
};

export function Icon({ name, className }: { name: IconName; className?: string }): ReactElement {
  return (
    <svg className={className ? `icon ${className}` : 'icon'} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      {PATHS[name]}
    </svg>
  );
}
