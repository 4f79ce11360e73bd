import type { ReactNode } from "react";
import { useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { graphql } from "../gql";
import { Link } from "../router.tsx";
import { ROLE_LABEL } from "./roles.ts";

const EventClubRole = graphql(`
  query EventClubRole($id: Int!) {
    eventById(id: $id) { id name club { id name myRole } }
  }
`);

const ClubRole = graphql(`
  query ClubRoleOf($id: Int!) {
    club(id: $id) { id name myRole }
  }
`);

/**
 * The pages for those who run a club's events (dashboard, edit, attendees, a
 * new event): shown to the club's owners and managers and to admins. Door staff
 * opening one by its address, and people removed from the club meanwhile, are
 * told what their role allows instead of getting a form or figures the database
 * would refuse. This only spares them the refusal: every request is still
 * decided in the database (app_hidden.club_permits). With `noRoleCheck` (the
 * check-in desk) the page only gets the way back to its club.
 */
export function EventStaffOnly({ eventId, children, noRoleCheck = false }: { eventId: number; children: ReactNode; noRoleCheck?: boolean }) {
  const [{ data, fetching, error }] = useQuery({ query: EventClubRole, variables: { id: eventId }, requestPolicy: "cache-and-network" });
  const event = data?.eventById;
  if (fetching && !data) return <p role="status">Loading the event…</p>;
  // Not found and network errors: the page itself says so as it always has.
  if (error || !event) return <>{children}</>;
  // The way back to the club's events, above each of its event's pages.
  const page = (
    <>
      {event.club && <p className="back-link"><Link href={`/organiser/clubs/${event.club.id}`}>← {event.club.name}</Link></p>}
      {children}
    </>
  );
  // The desk is open to anyone: it asks the database at each code and says "Not allowed" itself.
  if (noRoleCheck) return page;
  return (
    <Gate role={event.club?.myRole} club={event.club ?? null} deskHref={`/organiser/events/${event.id}/check-in`}>
      {page}
    </Gate>
  );
}

export function ClubStaffOnly({ clubId, children }: { clubId: number; children: ReactNode }) {
  const [{ data, fetching, error }] = useQuery({ query: ClubRole, variables: { id: clubId }, requestPolicy: "cache-and-network" });
  const club = data?.club;
  if (fetching && !data) return <p role="status">Loading the club…</p>;
  if (error || !club) return <>{children}</>;
  return <Gate role={club.myRole} club={club}>{children}</Gate>;
}

function Gate({ role, club, deskHref, children }: {
  role: string | null | undefined;
  club: { id: number; name: string } | null;
  deskHref?: string;
  children: ReactNode;
}) {
  const { session } = useSession();
  // Admins have no membership row and every right.
  if (session?.role === "admin" || role === "owner" || role === "manager") return <>{children}</>;
  return (
    <section aria-labelledby="staff-only-title">
      <h1 id="staff-only-title">Not for your role</h1>
      <p role="alert" className="notice">
        {club
          ? <>Only the club's owners and managers (and admins) can open this page. {role ? <>Your role in {club.name}: <strong>{ROLE_LABEL[role]}</strong>.</> : <>You have no role in {club.name}.</>}</>
          : "No club runs this event: only admins manage it."}
      </p>
      <p className="actions">
        {role === "door" && deskHref && <Link href={deskHref}>Check-in desk</Link>}
        <Link href="/organiser">Back to my clubs</Link>
      </p>
    </section>
  );
}
