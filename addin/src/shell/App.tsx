import { Button, FluentProvider, MessageBar, MessageBarBody, Spinner, Toaster, makeStyles, webLightTheme } from '@fluentui/react-components';
import { Component, type ReactNode } from 'react';
import { SessionProvider, useSession } from '../auth/session.js';
import { SignIn } from '../auth/SignIn.js';
import { HostContext } from '../hosts/context.js';
import type { Host } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { Layout } from './Layout.js';
import { nav, screens } from './registry.js';
import { RouterProvider, useLocation } from './router.js';
import { matchScreen } from './screens.js';
import { TOASTER_ID } from './toast.js';

const useStyles = makeStyles({
  center: { height: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' },
});

function NotFound() {
  return (
    <MessageBar intent="warning">
      <MessageBarBody>{t('card.notFound')}</MessageBarBody>
    </MessageBar>
  );
}

/** Keeps one screen's crash from blanking the whole app. */
class ScreenBoundary extends Component<{ children: ReactNode; path: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { path: string }) {
    if (prev.path !== this.props.path && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t('error.generic', { message: this.state.error.message })}{' '}
          <Button size="small" onClick={() => this.setState({ error: null })}>{t('app.retry')}</Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
}

function Routed() {
  const { parts, path } = useLocation();
  const match = matchScreen(screens, parts);
  const Screen = match?.screen.component;
  return (
    <Layout nav={nav}>
      <ScreenBoundary path={path}>{Screen ? <Screen key={path} params={match.params} /> : <NotFound />}</ScreenBoundary>
    </Layout>
  );
}

function Gate() {
  const styles = useStyles();
  const { user, expired } = useSession();
  if (user === undefined) {
    return (
      <div className={styles.center}>
        <Spinner label={t('app.loading')} />
      </div>
    );
  }
  if (user === null) return <SignIn />;
  return (
    <>
      <Routed />
      {/* An expired session covers the screen without unmounting it, so typed input survives. */}
      {expired && <SignIn expired lastLogin={user.login} />}
    </>
  );
}

export function App({ host }: { host: Host }) {
  return (
    <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
      <HostContext.Provider value={host}>
        <SessionProvider useToken={host.kind !== 'browser'}>
          <RouterProvider>
            <Gate />
          </RouterProvider>
        </SessionProvider>
        <Toaster toasterId={TOASTER_ID} position="bottom-end" />
      </HostContext.Provider>
    </FluentProvider>
  );
}
