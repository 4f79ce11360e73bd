import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { isEnding, loadSession, markEnding, onSessionChangedElsewhere, saveSession, storedSessionExpired, type Session } from "./token.ts";

/**
 * A message about the session that outlives the page that caused it: shown by
 * the layout until the user signs in again or dismisses it.
 *   expired:    the server refused the token (it expired, or its session was
 *               ended on another device): the user is told, not silently signed out;
 *   everywhere: the user signed out on every device from the Account page;
 *   closed:     the user deleted their account.
 */
export type SessionNotice = "expired" | "everywhere" | "closed";

interface SessionApi {
  session: Session | null;
  notice: SessionNotice | null;
  signIn: (s: Session) => void;
  /** A sign-out the user asked for; `notice` says why, where it is worth saying. */
  signOut: (notice?: SessionNotice) => void;
  /** The server refused `token`: if it is still this browser's, the session ends with "expired". */
  expire: (token: string) => void;
  /**
   * Runs `work`, which ends this session on the server on purpose (sign out,
   * change password, delete account): refusals of the current token meanwhile,
   * in any tab (a websocket closed with 4401 before the answer arrived), are
   * expected, not an expiry. The caller signs in or out with the answer.
   */
  endingOnPurpose: <T>(work: () => Promise<T>) => Promise<T>;
  dismissNotice: () => void;
}

const SessionContext = createContext<SessionApi | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  // A token that expired while the browser was away is said, not silently dropped.
  const [notice, setNotice] = useState<SessionNotice | null>(() => (storedSessionExpired() ? "expired" : null));
  const [session, setSession] = useState<Session | null>(loadSession);
  // The latest session, for callbacks that outlive a render.
  const current = useRef(session);
  const set = useCallback((s: Session | null) => {
    saveSession(s);
    current.current = s;
    setSession(s);
  }, []);
  useEffect(
    () =>
      onSessionChangedElsewhere(() => {
        current.current = loadSession();
        setSession(current.current);
        // Signed in again in another tab (or given a new token there): nothing has expired any more.
        if (current.current) setNotice(null);
      }),
    [],
  );
  const signIn = useCallback((s: Session) => {
    set(s);
    setNotice(null);
  }, [set]);
  const signOut = useCallback((why?: SessionNotice) => {
    set(null);
    setNotice(why ?? null);
  }, [set]);
  const expire = useCallback((token: string) => {
    if (current.current?.token !== token || isEnding(token)) return;
    // Another tab has just put a new token in its place (a new password): take that one.
    const stored = loadSession();
    if (stored && stored.token !== token) {
      current.current = stored;
      setSession(stored);
      return;
    }
    set(null);
    setNotice("expired");
  }, [set]);
  const endingOnPurpose = useCallback(async <T,>(work: () => Promise<T>) => {
    markEnding(current.current?.token ?? null);
    try {
      return await work();
    } finally {
      markEnding(null);
    }
  }, []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const api = useMemo(
    () => ({ session, notice, signIn, signOut, expire, endingOnPurpose, dismissNotice }),
    [session, notice, signIn, signOut, expire, endingOnPurpose, dismissNotice],
  );
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error("useSession outside SessionProvider");
  return api;
}
