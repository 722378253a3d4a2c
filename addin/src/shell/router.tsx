import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';

/**
 * Hash routing (#/clients/42?tab=invoices): works from a static file server,
 * inside Office task panes (which reload on path changes) and survives a
 * sign-in round trip.
 */
export interface Location {
  /** Path segments, e.g. ['clients', '42']. */
  parts: string[];
  query: URLSearchParams;
  path: string;
}

function parse(hash: string): Location {
  const raw = hash.replace(/^#/, '') || '/';
  const [pathPart = '/', queryPart = ''] = raw.split('?', 2);
  const parts = pathPart.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, query: new URLSearchParams(queryPart), path: '/' + parts.join('/') };
}

const RouteContext = createContext<Location>(parse(''));

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(() => parse(window.location.hash));
  useEffect(() => {
    const onChange = () => setLocation(parse(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return <RouteContext.Provider value={location}>{children}</RouteContext.Provider>;
}

export function useLocation(): Location {
  return useContext(RouteContext);
}

/** The hash link for a path and optional query. */
export function href(path: string, query?: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function navigate(path: string, query?: Record<string, string | number | undefined>, options: { replace?: boolean } = {}): void {
  const target = href(path, query);
  if (options.replace) window.history.replaceState(null, '', target);
  else window.location.hash = target.slice(1);
  if (options.replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}
