import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

// A few routes need no router library: the History API, one event, one hook.
// The server answers index.html for any unknown GET of a page, so deep links
// and reloads work.
const NAV_EVENT = "app:navigate";

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  window.dispatchEvent(new Event(NAV_EVENT));
  window.scrollTo(0, 0);
}

export function usePath(): string {
  const [path, setPath] = useState(() => window.location.pathname);
  useEffect(() => {
    const update = () => setPath(window.location.pathname);
    window.addEventListener("popstate", update);
    window.addEventListener(NAV_EVENT, update);
    return () => {
      window.removeEventListener("popstate", update);
      window.removeEventListener(NAV_EVENT, update);
    };
  }, []);
  return path;
}

/** A path segment decoded, or null when it is not valid percent-encoding (`%E0%A4%A`, `%ZZ`). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null; // URIError: a link somebody typed or cut short
  }
}

/**
 * Matches "/events/:id" against "/events/12" → { id: "12" }. A parameter that
 * is not valid percent-encoding matches nothing (the page is "not found"),
 * rather than throwing while the page renders.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(":")) {
      const value = decodeSegment(s[i]);
      if (value === null) return null;
      params[p[i].slice(1)] = value;
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}

/**
 * A navigation link that follows the route: aria-current="page" on the page it
 * names, "true" on the pages within its section (`section`: paths under it),
 * recomputed on every navigation.
 */
export function NavLink({ href, section, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; section?: (path: string) => boolean }) {
  const path = usePath();
  const current = path === href ? "page" : section?.(path) ? "true" : undefined;
  return <Link href={href} aria-current={current} {...rest} />;
}
