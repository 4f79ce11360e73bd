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

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
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
