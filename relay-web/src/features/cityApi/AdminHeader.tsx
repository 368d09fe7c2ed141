import type { ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { StaffAuth, StaffUser } from '../../auth/StaffAuth.ts';
import { Icon } from '../../components/Icon.tsx';
import { SignedIn } from '../../components/SignedIn.tsx';
import type { IconName } from '../../components/Icon.tsx';

const LINKS = [
  { to: '/admin/hours', key: 'hours', icon: 'calendar' },
  { to: '/admin/api-keys', key: 'keys', icon: 'link' },
  { to: '/admin/audit', key: 'audit', icon: 'pen' },
] as const satisfies readonly { to: string; key: string; icon: IconName }[];

/** An admin screen's top: its heading (focused when the screen opens), the admin screens, who is signed in. */
export function AdminHeader({ title, icon, heading, user, auth }: { title: string; icon: IconName; heading: RefObject<HTMLHeadingElement | null>; user: StaffUser; auth: StaffAuth }): ReactElement {
  const { t } = useTranslation();
  return (
    <header className="city-admin__head">
      <h1 ref={heading} tabIndex={-1} className="city-admin__title">
        <Icon name={icon} /> {title}
      </h1>
      <SignedIn name={user.displayName} onSignOut={() => void auth.logout()} />
      <nav className="city-admin__nav" aria-label={t('cityApi.nav.label')}>
        <ul>
          {LINKS.map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} className="city-admin__link">
                <Icon name={l.icon} />
                <span>{t(`cityApi.nav.${l.key}`)}</span>
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
