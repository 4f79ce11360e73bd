import { useEffect, useRef } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { useSession } from "../auth/SessionContext.tsx";
import { apiErrors } from "../graphql/errors.ts";
import { activeEntry, useMyWaitlist } from "./useMyWaitlist.ts";
import { AcceptedOffer, WaitlistOffer } from "./WaitlistOffer.tsx";

const JoinWaitlist = graphql(`
  mutation JoinWaitlist($eventId: Int!) {
    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }
  }
`);

interface Props {
  eventId: number;
  soldOut: boolean;
  /** The event's availability version: a change is a cue to look for offers again. */
  version: string;
}

export function WaitlistPanel({ eventId, soldOut, version }: Props) {
  const { session } = useSession();
  const { entries, refresh } = useMyWaitlist(session!.userId);
  const [joinResult, join] = useMutation(JoinWaitlist);
  const entry = activeEntry(entries, eventId);
  const firstVersion = useRef(version);
  useEffect(() => {
    if (version !== firstVersion.current) refresh();
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps

  const errors = apiErrors(joinResult.error);
  if (!entry && !soldOut && errors.general.length === 0) return null;
  const onJoin = async () => {
    const r = await join({ eventId }, { additionalTypenames: ["WaitlistEntry"] });
    if (r.data?.joinWaitlist) refresh();
  };
  return (
    <section className="card" aria-labelledby="waitlist-title">
      <h2 id="waitlist-title">Waitlist</h2>
      {entry?.status === "offered" && <WaitlistOffer entry={entry} onChanged={refresh} />}
      {entry?.status === "accepted" && <AcceptedOffer entry={entry} />}
      {entry?.status === "waiting" && (
        <p aria-live="polite">
          You are on the waitlist: number <strong>{entry.position ?? "?"}</strong> in line. If a seat comes back it is
          offered to you here and by email.
        </p>
      )}
      {!entry && (
        <>
          <p>Sold out. Join the waitlist and you will be offered a seat if one comes back.</p>
          <button type="button" onClick={onJoin} disabled={joinResult.fetching}>
            {joinResult.fetching ? "Joining…" : "Join waitlist"}
          </button>
        </>
      )}
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </section>
  );
}
