import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors } from "../graphql/errors.ts";
import { formatDateTime, formatPrice } from "../lib/format.ts";
import { Countdown } from "../components/Countdown.tsx";
import { Link } from "../router.tsx";

// A lottery event: enter before lottery_closes_at; after the draw, claim a win
// before it passes on, or read your place in the order.

const MyLotteryEntry = graphql(`
  query MyLotteryEntry($eventId: Int!) {
    myLotteryEntry(eventId: $eventId) { id state drawRank offerExpiresAt ticketId }
  }
`);
const EnterLottery = graphql(`
  mutation EnterLottery($eventId: Int!) {
    enterLottery(input: { eventId: $eventId }) { result { id state drawRank offerExpiresAt ticketId } }
  }
`);
const ClaimLotteryWin = graphql(`
  mutation ClaimLotteryWin($eventId: Int!) {
    claimLotteryWin(input: { eventId: $eventId }) { result { id status holdExpiresAt } }
  }
`);

interface Props {
  event: { id: number; priceCents: number; lotteryClosesAt?: string | null; offerMinutes: number };
}

export function LotteryPanel({ event }: Props) {
  const [{ data, fetching }, refetch] = useQuery({ query: MyLotteryEntry, variables: { eventId: event.id }, requestPolicy: "network-only" });
  const [enterResult, enter] = useMutation(EnterLottery);
  const [claimResult, claim] = useMutation(ClaimLotteryWin);
  const entry = enterResult.data?.enterLottery?.result ?? data?.myLotteryEntry ?? null;
  const errors = apiErrors(enterResult.error ?? claimResult.error);
  const claimed = claimResult.data?.claimLotteryWin?.result;
  const reload = () => refetch({ requestPolicy: "network-only" });

  return (
    <section className="card action-panel lottery" aria-labelledby="action-title">
      <h2 id="action-title">Lottery</h2>
      {fetching && !data && <p role="status">Checking your entry…</p>}
      <div aria-live="polite">
        {!entry && !fetching && (
          <>
            <p>
              Seats for this event are drawn by lottery{event.lotteryClosesAt ? ` when entries close, ${formatDateTime(event.lotteryClosesAt)}` : ""}.
              Everyone who enters has the same chance; winners have {Math.round(event.offerMinutes / 60)} hours to claim.
            </p>
            <button type="button" onClick={() => enter({ eventId: event.id })} disabled={enterResult.fetching}>
              {enterResult.fetching ? "Entering…" : "Enter the lottery"}
            </button>
          </>
        )}
        {entry?.state === "entered" && event.lotteryClosesAt && (
          <>
            <p>You are in the draw.</p>
            <Countdown until={event.lotteryClosesAt} label="The draw runs at" onExpired={reload} />
          </>
        )}
        {entry?.state === "won" && !claimed && (
          <div className="notice">
            <p><strong>You won a seat.</strong> Claim it{event.priceCents > 0 ? ` (${formatPrice(event.priceCents)}, then pay)` : ""} before it passes to the next in the draw.</p>
            {entry.offerExpiresAt && <Countdown until={entry.offerExpiresAt} label="Claim before" onExpired={reload} />}
            <button type="button" onClick={() => claim({ eventId: event.id }, { additionalTypenames: ["Ticket"] })} disabled={claimResult.fetching}>
              {claimResult.fetching ? "Claiming…" : "Claim my seat"}
            </button>
          </div>
        )}
        {(entry?.state === "claimed" || claimed) && (
          <p className="notice">
            Your seat is yours{claimed?.status === "pending" ? ": pay for it to keep it" : ""}. <Link href="/tickets">Go to my tickets</Link>
          </p>
        )}
        {entry?.state === "lost" && (
          <p>
            The draw did not give you a seat this time. You are number <strong>{entry.drawRank}</strong> in its order: if a winner does
            not claim, the seat passes down the order and we email you.
          </p>
        )}
        {entry?.state === "expired" && <p>Your win was not claimed in time and passed to the next in the draw.</p>}
      </div>
      {errors.general.length > 0 && <p role="alert" className="field__error">{errors.general[0]}</p>}
    </section>
  );
}
