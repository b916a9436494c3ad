import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api';

/** Small pieces every console page uses. */

export function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = Object.entries(error.fields).map(([field, message]) => `${field} ${message}`);
    return fields.length > 0 ? `${error.message} (${fields.join('; ')})` : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error }: { error: unknown }) {
  if (error === null || error === undefined) return null;
  return (
    <p className="error-text" role="alert">
      {errorText(error)}
    </p>
  );
}

/** A polite announcement of what an action did ("User disabled."). */
export function Status({ children }: { children: ReactNode }) {
  return (
    <p className="console-status" role="status">
      {children}
    </p>
  );
}

/** A page's heading, focused when the page opens so keyboard and screen-reader users start there. */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 ref={ref} tabIndex={-1} className="console-page-title">
      {children}
    </h1>
  );
}

export type Loaded<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; error: unknown };

/** Loads `load()` whenever `key` changes; `reload` runs it again. A slower earlier answer never replaces a newer one. */
export function useLoad<T>(load: () => Promise<T>, key: string): [Loaded<T>, () => void] {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let current = true;
    setLoaded((previous) => (previous.state === 'ready' ? previous : { state: 'loading' }));
    loadRef.current().then(
      (value) => current && setLoaded({ state: 'ready', value }),
      (error: unknown) => current && setLoaded({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return [loaded, () => setRound((value) => value + 1)];
}

export function formatDateTime(iso: string | null): string {
  if (!iso) return 'never';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
