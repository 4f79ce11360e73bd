import { useEffect, useState } from "react";
import { useMutation, useSubscription } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { formatCountdown, formatDateTime } from "../lib/format.ts";
import type { DisplayState } from "../lib/salesState.ts";
import { BookingForm, BookingOutcome, type Outcome } from "../booking/BookingForm.tsx";
import { StudentActions, type ActionEvent } from "../booking/StudentActions.tsx";
import { Link } from "../router.tsx";

// The waiting room of a queue event: join, then your place pushed live by the
// server (queueEntry subscription: no polling), the countdown to the shuffle at
// sales_start, and "It's your turn" with the time left to book. One call to
// action at a time, as on a first-come event's page (StudentActions): once the
// queue has closed on a sold-out event, that page's own panel (the waitlist) takes over.

const QueueEntryLive = graphql(`
  subscription QueueEntryLive($eventId: Int!) {
    queueEntry(eventId: $eventId) { eventId state position admittedUntil }
  }
`);
const JoinQueue = graphql(`
  mutation JoinQueue($eventId: Int!) {
    joinQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }
  }
`);
const LeaveQueue = graphql(`
  mutation LeaveQueue($eventId: Int!) {
    leaveQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }
  }
`);

interface Entry {
  state: string;
  position?: number | null;
  admittedUntil?: string | null;
}

interface Props {
  event: ActionEvent;
  state: DisplayState;
  version: string;
}

/** Milliseconds until `iso`, ticking every second while it is in the future. */
function useTimeLeft(iso: string | null | undefined): number {
  const [now, setNow] = useState(() => Date.now());
  const left = iso ? new Date(iso).getTime() - now : 0;
  useEffect(() => {
    if (left <= 0) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  return left;
}

export function WaitingRoom({ event, state, version }: Props) {
  // The latest word on the entry: the subscription's, or a join/leave answer given since.
  const [entry, setEntry] = useState<Entry | null | undefined>(undefined);
  useSubscription({ query: QueueEntryLive, variables: { eventId: event.id } }, (_prev: unknown, msg) => {
    setEntry(msg.queueEntry ?? null);
    return msg;
  });
  const [joinResult, join] = useMutation(JoinQueue);
  const [leaveResult, leave] = useMutation(LeaveQueue);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const toStart = useTimeLeft(event.salesStart);
  const toBook = useTimeLeft(entry?.state === "admitted" ? entry.admittedUntil : null);
  const errors = apiErrors(joinResult.error ?? leaveResult.error);

  const onJoin = async () => {
    setOutcome(null);
    const r = await join({ eventId: event.id });
    if (r.data?.joinQueue?.result) setEntry(r.data.joinQueue.result);
  };
  const onLeave = async () => {
    const r = await leave({ eventId: event.id });
    if (r.data?.leaveQueue?.result) setEntry(r.data.leaveQueue.result);
  };

  // Sold out and closed: what is left is the waitlist, which the first-come panel offers.
  if (entry?.state === "closed" && state === "sold_out") {
    return (
      <>
        <p className="notice notice--quiet">The queue has closed: every seat is taken.</p>
        <StudentActions event={event} state={state} version={version} />
      </>
    );
  }
  const open = state === "on_sale" || state === "few_left" || state === "not_open";
  const canJoin = open && (!entry || ["lapsed", "left", "closed"].includes(entry.state));
  return (
    <section className="card action-panel waiting-room" aria-labelledby="action-title">
      <h2 id="action-title">Waiting room</h2>
      {entry === undefined && <p role="status">Checking your place…</p>}
      <BookingOutcome outcome={outcome} />
      <div aria-live="polite">
        {entry?.state === "waiting" && entry.position == null && (
          <p>
            You are in the queue. At {event.salesStart ? formatDateTime(event.salesStart) : "the start of sales"} everyone who
            joined before is put in one random order; then you see your place here.
          </p>
        )}
        {entry?.state === "waiting" && entry.position != null && (
          <p className="queue-place">
            Your place in line: <strong>{entry.position}</strong>{" "}
            ({entry.position === 1 ? "you are next" : `${entry.position - 1} ${entry.position === 2 ? "person" : "people"} ahead of you`}).
            Keep this page open or watch your email: when it is your turn you have a few minutes to book.
          </p>
        )}
        {entry?.state === "admitted" && (
          <p className="notice queue-turn">
            <strong>It's your turn: book within {formatCountdown(toBook)}</strong>
          </p>
        )}
        {entry?.state === "booked" && (
          <p className="notice">You booked your ticket from the queue. <Link href="/tickets">Go to my tickets</Link></p>
        )}
        {entry?.state === "lapsed" && <p>Your turn passed before you booked; your seat went to the next in line. You may join again at the back.</p>}
        {entry?.state === "left" && <p>You left the queue.</p>}
        {entry?.state === "closed" && <p>The queue has closed: {open ? "a seat came back, so you may join again." : "sales have ended."}</p>}
        {!entry && entry !== undefined && !open && <p className="notice notice--quiet">{state === "closed" ? "Sales have closed for this event." : "This event has started: tickets are no longer sold."}</p>}
      </div>
      {entry?.state === "waiting" && entry.position == null && toStart > 0 && (
        <p>
          The line is shuffled in <span role="timer" aria-label={`${formatCountdown(toStart)} until the start`}>{formatCountdown(toStart)}</span>.
        </p>
      )}
      {entry?.state === "admitted" && (
        // One booking per admission (the database says NOT_YOUR_TURN to a second).
        <BookingForm event={event} max={1} held={0} onOutcome={setOutcome} />
      )}
      {canJoin && entry !== undefined && (
        <>
          {!entry && <p>Seats for this event are released through a waiting room: join it, and when your turn comes you have a few minutes to book.</p>}
          <button type="button" onClick={onJoin} disabled={joinResult.fetching}>
            {joinResult.fetching ? "Joining…" : entry ? "Join the queue again" : "Join the queue"}
          </button>
        </>
      )}
      {(entry?.state === "waiting" || entry?.state === "admitted") && (
        <p className="actions">
          <button type="button" className="secondary" onClick={onLeave} disabled={leaveResult.fetching}>
            Leave the queue
          </button>
        </p>
      )}
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </section>
  );
}
