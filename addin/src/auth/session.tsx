import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api/client.js';

export interface User {
  id: number;
  login: string;
  name: string;
  role: 'admin' | 'manager' | 'accountant' | 'viewer';
  scope: 'own' | 'all';
  /** What the role may do, per resource ("invoices": ["read", "edit", …]), as the server decides it. */
  permissions: Record<string, string[]>;
}

interface SessionState {
  /** undefined while checking, null when signed out. */
  user: User | null | undefined;
  /** True when a signed-in user's session ran out: the screen stays, a sign-in dialog covers it. */
  expired: boolean;
  signIn(login: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

interface SessionReply {
  user: User;
  csrfToken?: string;
  token?: string;
}

/**
 * Who is signed in. Task panes (useToken) sign in for a bearer token kept
 * in localStorage; the browser uses the session cookie and its CSRF token.
 */
export function SessionProvider({ children, useToken }: { children: ReactNode; useToken: boolean }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .get<SessionReply>('/auth/session')
      .then((reply) => {
        if (cancelled) return;
        api.setCsrf(reply.csrfToken);
        setUser(reply.user);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => api.onExpired(() => setExpired(true)), []);

  const signIn = useCallback(
    async (login: string, password: string) => {
      const reply = await api.post<SessionReply>('/auth/login', useToken ? { login, password, issueToken: true, tokenName: 'Office add-in' } : { login, password });
      if (reply.token) api.setToken(reply.token);
      api.setCsrf(reply.csrfToken);
      setUser((previous) => {
        // Another person signing in on this screen starts from home.
        if (previous && previous.id !== reply.user.id) window.location.hash = '#/';
        return reply.user;
      });
      setExpired(false);
    },
    [useToken],
  );

  const signOut = useCallback(async () => {
    try {
      if (api.usesToken) {
        // A pane's token is revoked, not just forgotten: it would stay valid otherwise.
        const prefix = api.tokenPrefix();
        const tokens = await api.get<{ items: { id: number; prefix: string }[] }>('/auth/tokens');
        const mine = tokens.items.find((t) => t.prefix === prefix);
        if (mine) await api.delete(`/auth/tokens/${mine.id}`);
      } else {
        await api.post('/auth/logout');
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
    }
    api.setToken(undefined);
    api.setCsrf(undefined);
    setUser(null);
    setExpired(false);
    window.location.hash = '#/';
  }, []);

  const value = useMemo(() => ({ user, expired, signIn, signOut }), [user, expired, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in user (only under the signed-in part of the app). */
export function useUser(): User {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}
