import { useState } from 'react';
import type { PublicUser } from '../../../shared/domain/access.ts';
import { Link } from '../../routing/Link.tsx';
import { paths } from '../../routing/router.ts';
import { Button, Swatch } from '../../ui/primitives.tsx';
import { t } from '../../ui/i18n/nl.ts';
import { signOut } from './session.ts';

/** Navigation for the logged-in person, their name, and the way out. */
export function TopBar({ user, pathname }: { user: PublicUser; pathname: string }) {
  const [busy, setBusy] = useState(false);
  const home = user.isAdmin ? { href: paths.admin, label: t('nav.admin') } : { href: paths.cycles, label: t('nav.cycles') };
  const current = pathname === home.href || (!user.isAdmin && pathname.startsWith(`${paths.cycles}/`));
  return (
    <div className="topbar">
      <nav aria-label={t('nav.label')}>
        <Link href={home.href} className="topbar__link" {...(current ? { 'aria-current': 'page' } : {})}>{home.label}</Link>
        {!user.isAdmin && (
          <Link href={paths.leeragenda} className="topbar__link" data-testid="nav-leeragenda"
            {...(pathname.startsWith(paths.leeragenda) ? { 'aria-current': 'page' } : {})}>{t('nav.leeragenda')}</Link>
        )}
      </nav>
      <span className="topbar__user" data-testid="current-user">
        <Swatch color={user.color} />
        <span className="visually-hidden">{t('nav.signedInAs')} </span>
        <span className="topbar__name">{user.name}</span>
      </span>
      <Button variant="secondary" busy={busy} onClick={() => { setBusy(true); void signOut(); }}>
        {t('nav.logout')}
      </Button>
    </div>
  );
}
