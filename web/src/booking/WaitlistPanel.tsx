import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { plural } from "../lib/format.ts";
import type { WaitlistEntry } from "./useMyWaitlist.ts";

const JoinWaitlistMutation = graphql(`
  mutation JoinWaitlist($eventId: Int!) {
    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }
  }
`);

/** Every seat is taken: the one thing to do is to queue for a returned one. */
export function JoinWaitlist({ eventId, onJoined, held }: { eventId: number; onJoined: () => void; held: number }) {
  const [result, join] = useMutation(JoinWaitlistMutation);
  const errors = apiErrors(result.error);
  const onJoin = async () => {
    const r = await join({ eventId }, { additionalTypenames: ["WaitlistEntry"] });
    if (r.data?.joinWaitlist) onJoined();
  };
  return (
    <>
      <p>
        {held > 0 ? `You hold ${plural(held, "ticket")}, and every other seat is taken. ` : "Every seat is taken. "}
        Join the waitlist and you are offered a seat, here and by email, if one comes back.
      </p>
      <button type="button" onClick={onJoin} disabled={result.fetching}>
        {result.fetching ? "Joining…" : "Join waitlist"}
      </button>
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </>
  );
}

export function WaitingInLine({ entry }: { entry: WaitlistEntry }) {
  return (
    <p aria-live="polite">
      You are on the waitlist: number <strong>{entry.position ?? "?"}</strong> in line. If a seat comes back it is offered to you here and by email.
    </p>
  );
}
