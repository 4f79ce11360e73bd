import { useCallback, useState } from "react";
import { useSession } from "../auth/SessionContext.tsx";
import { Link } from "../router.tsx";
import { CategorySelect } from "../events/CategorySelect.tsx";
import { EventListChunk } from "../events/EventListChunk.tsx";
import { Leaderboard } from "../events/Leaderboard.tsx";
import { useEventsAvailability } from "../events/useLiveAvailability.ts";

export function EventListPage() {
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [search, setSearch] = useState("");
  return (
    <div className="layout-with-aside">
      <section aria-labelledby="events-title">
        <h1 id="events-title">Upcoming events</h1>
        <div className="filters" role="search">
          <div className="field">
            <label htmlFor="event-search">Search by name</label>
            <input id="event-search" type="search" value={search} aria-describedby="event-search-hint"
              onChange={(e) => setSearch(e.target.value)} />
            <p id="event-search-hint" className="field__hint">Searches the events loaded on this page.</p>
          </div>
          <CategorySelect value={categoryId} onChange={setCategoryId} />
        </div>
        {/* A new category starts a new list (and a new live feed) from page one. */}
        <EventList key={categoryId ?? "all"} categoryId={categoryId} search={search} />
      </section>
      <Leaderboard />
    </div>
  );
}

function EventList({ categoryId, search }: { categoryId: number | null; search: string }) {
  const { byId: live, appeared } = useEventsAvailability(categoryId);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [shown, setShown] = useState<Record<number, number>>({});
  const lastIndex = cursors.length - 1;
  const reportLast = useCallback((cursor: string | null) => setNext(cursor), []);
  const reporters = cursors.map((_, i) => (c: string | null, n: number) => {
    setShown((s) => (s[i] === n ? s : { ...s, [i]: n }));
    if (i === lastIndex) reportLast(c);
  });
  const total = Object.values(shown).reduce((a, b) => a + b, 0);
  const loadedAll = next === null;
  return (
    <>
      <p role="status" className="field__hint">{listStatus(total, search, cursors.length === 1 && next === undefined, loadedAll)}</p>
      {total === 0 && loadedAll && !search && categoryId === null && <EmptyList />}
      <ul className="event-list">
        {cursors.map((after, i) => (
          <EventListChunk key={after ?? "first"} categoryId={categoryId} after={after} search={search} live={live}
            onPageInfo={reporters[i]} generation={appeared} />
        ))}
      </ul>
      {!loadedAll && (cursors.length > 1 || next) && (
        <div className="actions">
          {/* Stays in place while the next page loads, so focus is not lost. */}
          <button
            type="button"
            className="secondary"
            aria-disabled={next ? undefined : true}
            onClick={() => {
              if (!next) return;
              setCursors([...cursors, next]);
              setNext(undefined);
            }}
          >
            {next ? "Load more" : "Loading more…"}
          </button>
        </div>
      )}
    </>
  );
}

/** Nothing on yet: say what happens next, for whoever is looking. */
function EmptyList() {
  const { session } = useSession();
  return (
    <div className="empty-state">
      <p className="empty-state__title">Nothing on yet.</p>
      {session?.role === "admin" ? (
        <p><Link className="button" href="/admin/events/new">Create the first event</Link></p>
      ) : (
        <p className="muted">
          New events appear here the moment an admin creates them. Running this site?{" "}
          <Link href="/admin">Admins add events under Admin</Link>.
        </p>
      )}
    </div>
  );
}

function listStatus(total: number, search: string, firstLoad: boolean, loadedAll: boolean): string {
  if (firstLoad) return "";
  const more = loadedAll ? "" : " Load more to see later events.";
  if (total === 0) return search ? `No loaded event matches your search.${more}` : "No upcoming events.";
  return `${total} event${total === 1 ? "" : "s"} shown${search ? " matching your search" : ""}.`;
}
