// The session token lives in localStorage so a reload keeps the user signed in;
// signing out removes it. Other tabs learn of the change through "storage".
const KEY = "tickets.session";

export interface Session {
  token: string;
  userId: number;
  role: string;
  name: string;
  email: string;
}

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (typeof s.token !== "string" || tokenExpired(s.token)) {
      localStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

/** True when a session is stored whose token has expired (loadSession then drops it). */
export function storedSessionExpired(): boolean {
  try {
    const raw = localStorage.getItem(KEY);
    const s = raw ? (JSON.parse(raw) as Session) : null;
    return typeof s?.token === "string" && tokenExpired(s.token);
  } catch {
    return false;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}

// A token this browser is ending on purpose (sign out, new password, closing
// the account), for every tab: while the request is out, the server may already
// refuse the token to another tab (its websocket closed with 4401), and that tab
// must not take it for an expiry and sign the browser out. Bounded in time, so a
// tab that died mid-request leaves nothing behind that matters.
const ENDING_KEY = "tickets.session.ending";
const ENDING_MS = 60_000;

export function markEnding(token: string | null): void {
  try {
    if (token) localStorage.setItem(ENDING_KEY, JSON.stringify({ token, until: Date.now() + ENDING_MS }));
    else localStorage.removeItem(ENDING_KEY);
  } catch {
    // Storage full or blocked: the worst case is a "session expired" message too many.
  }
}

export function isEnding(token: string): boolean {
  try {
    const mark = JSON.parse(localStorage.getItem(ENDING_KEY) ?? "null") as { token: string; until: number } | null;
    return mark?.token === token && mark.until > Date.now();
  } catch {
    return false;
  }
}

export function onSessionChangedElsewhere(cb: () => void): () => void {
  const listener = (e: StorageEvent) => {
    if (e.key === KEY) cb();
  };
  window.addEventListener("storage", listener);
  return () => window.removeEventListener("storage", listener);
}

// Reads the JWT's exp claim (not its signature: the server verifies that) so a
// stale token is dropped instead of sending the user into "unauthenticated" errors.
function tokenExpired(token: string): boolean {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return typeof payload.exp === "number" && payload.exp * 1000 < Date.now();
  } catch {
    return false;
  }
}
