import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { AdminPermission, Role } from '../shared/admin/permissions';
import { ApiError, download, requestJson } from './api';

/**
 * The admin session: the token from a second-factor check (15 minutes) and
 * who it belongs to. Kept in sessionStorage so a reload stays signed in, and
 * gone with the tab; never in localStorage.
 */

export interface ConsoleAdmin {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Effective: an owner's list holds every permission. */
  permissions: AdminPermission[];
}

export interface AdminSession {
  token: string;
  /** The password sign-in's refresh token, revoked at sign-out (the console never refreshes: a refreshed token has no second factor). */
  refreshToken: string | null;
  admin: ConsoleAdmin;
}

const STORAGE_KEY = 'trackruit-admin-session';

export function readStoredSession(): AdminSession | null {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as AdminSession | null;
    return stored && typeof stored.token === 'string' && stored.admin ? stored : null;
  } catch {
    return null;
  }
}

interface SessionContextValue {
  session: AdminSession;
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
  download(path: string, fallbackName: string): Promise<void>;
  signOut(message?: string): void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in console');
  return value;
}

/** Holds the session, or the sign-in page's message once it ends. */
export function useSessionState(): { session: AdminSession | null; endedMessage: string | null; start(session: AdminSession): void; end(message?: string): void } {
  const [session, setSession] = useState<AdminSession | null>(readStoredSession);
  const [endedMessage, setEndedMessage] = useState<string | null>(null);
  const start = useCallback((next: AdminSession) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setEndedMessage(null);
    setSession(next);
  }, []);
  const end = useCallback((message?: string) => {
    const refreshToken = readStoredSession()?.refreshToken;
    // Best effort: the refresh token expires anyway, and the console has nothing to retry it with.
    if (refreshToken) void requestJson('POST', '/api/auth/logout', null, { refreshToken }).catch(() => undefined);
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
    setEndedMessage(message ?? null);
  }, []);
  return { session, endedMessage, start, end };
}

export function SessionProvider({ session, onEnd, children }: { session: AdminSession; onEnd: (message?: string) => void; children: ReactNode }) {
  const value = useMemo<SessionContextValue>(() => {
    const guard = async <T,>(run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        if (error instanceof ApiError && error.sessionEnded) onEnd('Your admin session has ended. Sign in again.');
        throw error;
      }
    };
    return {
      session,
      call: (method, path, body) => guard(() => requestJson(method, path, session.token, body)),
      download: (path, fallbackName) => guard(() => download(path, session.token, fallbackName)),
      signOut: onEnd,
    };
  }, [session, onEnd]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
