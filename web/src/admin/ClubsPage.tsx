import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors, type ApiErrors } from "../graphql/errors.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { Link } from "../router.tsx";

export const AllClubs = graphql(`
  query AllClubs {
    clubs(orderBy: [NAME_ASC], first: 100) { totalCount nodes { id name description } }
  }
`);

const CreateClub = graphql(`
  mutation CreateClub($name: String!, $description: String) {
    createClub(input: { name: $name, description: $description }) { club { id name } }
  }
`);

const NO_ERRORS: ApiErrors = { byField: {}, general: [] };

/** Admins create clubs; each club's page (members, events) is the organiser console's, where admins have every right. */
export function ClubsPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AllClubs, requestPolicy: "cache-and-network" });
  const [adding, create] = useMutation(CreateClub);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [status, setStatus] = useState("");
  const clubs = (data?.clubs?.nodes ?? []).filter((c) => c !== null);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ byField: { name: "Give the club a name." }, general: [] });
      return;
    }
    const result = await create({ name: name.trim(), description });
    setErrors(apiErrors(result.error));
    const club = result.data?.createClub?.club;
    if (club) {
      setStatus(`Created ${club.name}. Add its first owner from its Members page.`);
      setName("");
      setDescription("");
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <section aria-labelledby="clubs-title">
      <h1 id="clubs-title">Clubs</h1>
      <form onSubmit={add} noValidate className="admin-form">
        <ErrorList messages={errors.general} />
        <FormField label="Club name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.byField.name} maxLength={100} />
        <FormField label="Description" name="description" value={description} onChange={(e) => setDescription(e.target.value)}
          error={errors.byField.description} maxLength={2000} />
        <button type="submit" disabled={adding.fetching}>{adding.fetching ? "Creating…" : "Create club"}</button>
      </form>
      <p role="status" className="admin-saved">{status}</p>
      {fetching && !data && <p role="status">Loading clubs…</p>}
      {error && !data && <p role="alert" className="error-box">Could not load clubs: {error.message}</p>}
      {data && clubs.length === 0 && <p>No clubs yet.</p>}
      <ul className="event-list">
        {clubs.map((club) => (
          <li key={club.id} className="card">
            <h2><Link href={`/organiser/clubs/${club.id}`}>{club.name}</Link></h2>
            {club.description && <p>{club.description}</p>}
            <div className="actions">
              <Link href={`/organiser/clubs/${club.id}/members`}>Members<span className="visually-hidden"> of {club.name}</span></Link>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
