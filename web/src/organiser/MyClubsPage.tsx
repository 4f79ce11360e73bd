import { useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { graphql } from "../gql";
import { Link } from "../router.tsx";
import { ROLE_LABEL } from "./roles.ts";

export const MyClubs = graphql(`
  query MyClubs {
    myClubs(first: 100) { nodes { id name description myRole } }
  }
`);

/** The clubs the signed-in person has a role in, and what that role lets them do. */
export function MyClubsPage() {
  const [{ data, fetching, error }] = useQuery({ query: MyClubs, requestPolicy: "cache-and-network" });
  const { session } = useSession();
  const clubs = (data?.myClubs?.nodes ?? []).filter((c) => c !== null);
  return (
    <section aria-labelledby="my-clubs-title">
      <h1 id="my-clubs-title">My clubs</h1>
      {fetching && !data && <p role="status">Loading your clubs…</p>}
      {error && !data && <p role="alert" className="error-box">Could not load your clubs: {error.message}</p>}
      {data && clubs.length === 0 && (session?.role === "admin"
        ? <p>Admins have a role in no club and every right in each: open a club from <Link href="/admin/clubs">Admin → Clubs</Link>.</p>
        : <p>You have no role in a club yet. A club's owner can add you by your email address.</p>)}
      <ul className="event-list">
        {clubs.map((club) => (
          <li key={club.id} className="card">
            <h2><Link href={`/organiser/clubs/${club.id}`}>{club.name}</Link></h2>
            <p>Your role: <strong>{ROLE_LABEL[club.myRole ?? "door"]}</strong></p>
            {club.myRole === "owner" && (
              <div className="actions">
                <Link href={`/organiser/clubs/${club.id}/members`}>Members<span className="visually-hidden"> of {club.name}</span></Link>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
