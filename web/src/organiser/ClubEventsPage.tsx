import { useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { graphql } from "../gql";
import { Link } from "../router.tsx";
import { ManagedEventList } from "../admin/ManagedEvents.tsx";
import { ROLE_LABEL } from "./roles.ts";
import { ClubProfileForm } from "./ClubProfileForm.tsx";

const ClubEvents = graphql(`
  query ClubEvents($id: Int!) {
    club(id: $id) {
      id name description myRole
    }
  }
`);

/**
 * One club's events, every one of them in sections (upcoming, past, cancelled: ManagedEventList),
 * with what the caller's role allows: owners and managers create, edit, open dashboards and
 * attendee lists; door staff get the check-in desk of each event not cancelled and nothing else.
 * Admins see it as an owner would.
 */
export function ClubEventsPage({ clubId }: { clubId: number }) {
  const [{ data, fetching, error }] = useQuery({ query: ClubEvents, variables: { id: clubId }, requestPolicy: "cache-and-network" });
  const { session } = useSession();
  const club = data?.club;
  if (fetching && !data) return <p role="status">Loading the club…</p>;
  if (error && !data) return <p role="alert" className="error-box">Could not load the club: {error.message}</p>;
  if (!club) {
    return (
      <section>
        <h1>Club not found</h1>
        <p><Link href="/organiser">Back to my clubs</Link></p>
      </section>
    );
  }
  // Admins have no membership row (myRole null) and every right. Anyone else
  // without a role (removed since they opened the console, or never a member)
  // is told so here instead of being offered links the database would refuse.
  if (!club.myRole && session?.role !== "admin") {
    return (
      <section aria-labelledby="club-title">
        <h1 id="club-title">{club.name}</h1>
        <p role="alert" className="notice">
          You have no role in this club (any more): its owners decide who runs its events. Ask one of them to add you again.
        </p>
        <p className="actions">
          <Link href="/organiser">Back to my clubs</Link>
          <Link href={`/clubs/${club.id}`}>The club's public page</Link>
        </p>
      </section>
    );
  }
  // Past the check above, no role means an admin, who sees the page as an owner would.
  const role = club.myRole ?? "owner";
  const runsEvents = role === "owner" || role === "manager";
  return (
    <section aria-labelledby="club-title">
      <div className="admin-heading">
        <h1 id="club-title">{club.name}</h1>
        {runsEvents && <Link href={`/organiser/clubs/${club.id}/events/new`} className="button">Create event</Link>}
      </div>
      <p>
        {club.myRole ? <>Your role: <strong>{ROLE_LABEL[club.myRole]}</strong></> : "You manage this club as an admin."}
        {runsEvents && <> · <Link href={`/organiser/clubs/${club.id}/members`}>Members</Link></>}
        {" · "}<Link href={`/clubs/${club.id}`}>Public page</Link>
      </p>
      {role === "owner" && <ClubProfileForm club={club} />}
      <ManagedEventList clubId={club.id} base="/organiser" runsEvents={runsEvents} />
    </section>
  );
}
