import { Avatar, Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Tooltip, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  ArrowImport20Regular, Board20Regular, Table20Regular, Mail20Regular, Building20Regular, BoxMultiple20Regular, CalendarLtr20Regular, DocumentText20Regular, Home20Regular, Navigation20Regular,
  People20Regular, Receipt20Regular, Settings20Regular, TaskListLtr20Regular, Wallet20Regular, DocumentEdit20Regular, DocumentCopy20Regular,
} from '@fluentui/react-icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useUser, useSession } from '../auth/session.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { QuickSearch } from '../search/QuickSearch.js';
import { Bell } from '../notifications/Bell.js';
import { useLocation } from './router.js';
import type { NavItem } from './screens.js';
import { useWide } from './useWide.js';

const icons: Record<NavItem['icon'], ReactNode> = {
  home: <Home20Regular />, clients: <Building20Regular />, contacts: <People20Regular />, contracts: <DocumentText20Regular />,
  invoices: <Receipt20Regular />, payments: <Wallet20Regular />, catalog: <BoxMultiple20Regular />, company: <Board20Regular />,
  admin: <Settings20Regular />, tasks: <TaskListLtr20Regular />, calendar: <CalendarLtr20Regular />,
  word: <DocumentEdit20Regular />, templates: <DocumentCopy20Regular />, import: <ArrowImport20Regular />, excel: <Table20Regular />, outlook: <Mail20Regular />,
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', backgroundColor: tokens.colorNeutralBackground2 },
  top: { display: 'flex', alignItems: 'center', gap: '8px', padding: '6px 8px', backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, flex: '0 0 auto' },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400, color: tokens.colorBrandForeground1, marginRight: '8px', whiteSpace: 'nowrap', textDecoration: 'none' },
  body: { display: 'flex', flex: '1 1 auto', minHeight: 0 },
  nav: { display: 'flex', flexDirection: 'column', gap: '2px', padding: '8px', width: '200px', flex: '0 0 auto', backgroundColor: tokens.colorNeutralBackground1, borderRight: `1px solid ${tokens.colorNeutralStroke2}`, overflowY: 'auto' },
  overlay: { position: 'fixed', inset: '0', zIndex: 50, backgroundColor: 'rgba(0,0,0,0.3)' },
  drawer: { position: 'fixed', top: 0, bottom: 0, left: 0, zIndex: 51, display: 'flex', maxWidth: '85vw', boxShadow: tokens.shadow28 },
  link: { display: 'flex', alignItems: 'center', gap: '10px', padding: '8px 10px', borderRadius: tokens.borderRadiusMedium, color: tokens.colorNeutralForeground1, textDecoration: 'none', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  main: { flex: '1 1 auto', minWidth: 0, overflow: 'auto', padding: '12px' },
  narrowMain: { padding: '8px' },
});

/** The frame around every screen: top bar with search, navigation, content. */
export function Layout({ nav, children }: { nav: NavItem[]; children: ReactNode }) {
  const styles = useStyles();
  const user = useUser();
  const { signOut } = useSession();
  const wide = useWide();
  const { parts } = useLocation();
  const [drawer, setDrawer] = useState(false);
  useEffect(() => setDrawer(false), [parts.join('/')]);

  const host = useHost();
  const items = nav.filter((n) => (!n.roles || n.roles.includes(user.role)) && (!n.hosts || n.hosts.includes(host.kind)));
  const section = '/' + (parts[0] ?? '');
  const links = (
    <nav className={styles.nav} aria-label={t('nav.menu')}>
      {items.map((item) => {
        const current = item.path === '/' ? section === '/' : section === item.path || ('/' + parts.join('/')).startsWith(item.path + '/');
        return (
          <a key={item.path} href={`#${item.path}`} className={mergeClasses(styles.link, current && styles.current)} aria-current={current ? 'page' : undefined}>
            {icons[item.icon]}
            <span>{t(item.label)}</span>
          </a>
        );
      })}
    </nav>
  );

  return (
    <div className={styles.root}>
      <header className={styles.top}>
        {!wide && (
          <Tooltip content={t('nav.menu')} relationship="label">
            <Button appearance="subtle" icon={<Navigation20Regular />} onClick={() => setDrawer(true)} aria-label={t('nav.menu')} />
          </Tooltip>
        )}
        {wide && <a className={styles.brand} href="#/">{t('app.name')}</a>}
        <QuickSearch />
        <span style={{ flex: '1 1 0' }} />
        <Bell />
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" aria-label={user.name} icon={<Avatar name={user.name} size={24} />}>{wide ? user.name : undefined}</Button>
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem disabled>{user.login} · {user.role}</MenuItem>
              <MenuItem onClick={() => void signOut()}>{t('nav.signOut')}</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
      </header>
      <div className={styles.body}>
        {wide && links}
        {!wide && drawer && (
          <>
            <div className={styles.overlay} onClick={() => setDrawer(false)} />
            <div className={styles.drawer}>{links}</div>
          </>
        )}
        <main className={mergeClasses(styles.main, !wide && styles.narrowMain)}>{children}</main>
      </div>
    </div>
  );
}
