import { useCallback, useState } from "react";
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
            <input id="event-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
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
  const live = useEventsAvailability(categoryId);
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
      <p role="status" className="field__hint">
        {next === undefined ? "" : total === 0 ? (search ? "No loaded event matches your search." : "No upcoming events.") : `${total} event${total === 1 ? "" : "s"} shown${search ? " matching your search" : ""}.`}
      </p>
      <ul className="event-list">
        {cursors.map((after, i) => (
          <EventListChunk key={after ?? "first"} categoryId={categoryId} after={after} search={search} live={live} onPageInfo={reporters[i]} />
        ))}
      </ul>
      {!loadedAll && next && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => { setCursors([...cursors, next]); setNext(undefined); }}>
            Load more
          </button>
        </div>
      )}
    </>
  );
}
