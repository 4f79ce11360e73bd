import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useSession } from "../auth/SessionContext.tsx";
import { graphql } from "../gql";
import type { ClubRole } from "../gql/graphql.ts";
import { apiErrors, type ApiErrors } from "../graphql/errors.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { Link } from "../router.tsx";
import { ROLE_HINT, ROLE_LABEL } from "./roles.ts";

const ClubMembers = graphql(`
  query ClubMembers($id: Int!) {
    club(id: $id) {
      id name myRole
      members { nodes { userId name email role status } }
    }
  }
`);
const AddMember = graphql(`
  mutation AddClubMember($clubId: Int!, $email: String!, $role: ClubRole!) {
    addClubMember(input: { clubId: $clubId, email: $email, role: $role }) { member { email status role } }
  }
`);
const ChangeRole = graphql(`
  mutation UpdateClubMember($clubId: Int!, $userId: Int!, $role: ClubRole!) {
    updateClubMember(input: { clubId: $clubId, userId: $userId, role: $role }) { member { userId role } }
  }
`);
const RemoveMember = graphql(`
  mutation RemoveClubMember($clubId: Int!, $userId: Int!) {
    removeClubMember(input: { clubId: $clubId, userId: $userId }) { member { userId } }
  }
`);
const CancelInvitation = graphql(`
  mutation CancelClubInvitation($clubId: Int!, $email: String!) {
    cancelClubInvitation(input: { clubId: $clubId, email: $email }) { member { email } }
  }
`);

const ROLES = ["owner", "manager", "door"] as ClubRole[];
const NO_ERRORS: ApiErrors = { byField: {}, general: [] };

/**
 * A club's members and invitations. Owners (and admins) add people by email with
 * a role, change roles and remove people; managers see the list. The database
 * keeps the last owner (LAST_OWNER) and decides every right.
 */
export function MembersPage({ clubId }: { clubId: number }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ClubMembers, variables: { id: clubId }, requestPolicy: "cache-and-network" });
  const [status, setStatus] = useState("");
  const { session } = useSession();
  const club = data?.club;
  // Owners manage members; admins have no membership row and every right.
  const owner = club ? club.myRole === "owner" || (club.myRole === null && session?.role === "admin") : false;
  const members = (club?.members.nodes ?? []).filter((m) => m !== null);
  const changed = (message: string) => {
    setStatus(message);
    refetch({ requestPolicy: "network-only" });
  };
  // Door staff, people without a role and members removed meanwhile: the
  // database refuses the list (FORBIDDEN), and the club comes back null.
  if (error && !club) {
    return (
      <section>
        <h1>Members</h1>
        <p role="alert" className="error-box">{error.graphQLErrors[0]?.message ?? "The server could not be reached. Check your connection and try again."}</p>
        <p><Link href="/organiser">Back to my clubs</Link></p>
      </section>
    );
  }
  if (data && !club) {
    return (
      <section>
        <h1>Club not found</h1>
        <p><Link href="/organiser">Back to my clubs</Link></p>
      </section>
    );
  }
  return (
    <section aria-labelledby="members-title">
      <h1 id="members-title">Members{club ? ` of ${club.name}` : ""}</h1>
      <p><Link href={`/organiser/clubs/${clubId}`}>Back to the club's events</Link></p>
      {owner && <AddMemberForm clubId={clubId} onAdded={changed} />}
      <p role="status" className="admin-saved">{status}</p>
      {fetching && !data && <p role="status">Loading members…</p>}
      <ul className="member-list">
        {members.map((m) => (
          <MemberRow key={m.userId ?? m.email} clubId={clubId} member={m} canManage={owner} onChanged={changed} />
        ))}
      </ul>
    </section>
  );
}

function AddMemberForm({ clubId, onAdded }: { clubId: number; onAdded: (message: string) => void }) {
  const [adding, add] = useMutation(AddMember);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<ClubRole>("door" as ClubRole);
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim()) {
      setErrors({ byField: { email: "Enter the person's email address." }, general: [] });
      return;
    }
    const result = await add({ clubId, email: email.trim(), role });
    setErrors(apiErrors(result.error));
    const member = result.data?.addClubMember?.member;
    if (member) {
      setEmail("");
      onAdded(member.status === "invited"
        ? `Invited ${member.email}: they become ${ROLE_LABEL[member.role ?? "door"]?.toLowerCase()} once they confirm the address (signing up first if they have no account).`
        : `Added ${member.email} as ${ROLE_LABEL[member.role ?? "door"]?.toLowerCase()}.`);
    }
  }
  return (
    <form onSubmit={submit} noValidate className="admin-form">
      <h2>Add someone</h2>
      <ErrorList messages={errors.general} />
      <FormField label="Email" type="email" name="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errors.byField.email}
        hint="Someone without an account, or who has not confirmed their address yet, gets an invitation by email." maxLength={254} />
      <RoleSelect id="new-member-role" label="Role" value={role} onChange={setRole} error={errors.byField.role} />
      <button type="submit" disabled={adding.fetching}>{adding.fetching ? "Adding…" : "Add member"}</button>
    </form>
  );
}

function RoleSelect({ id, label, value, onChange, error }: { id: string; label: string; value: ClubRole; onChange: (r: ClubRole) => void; error?: string }) {
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as ClubRole)} aria-describedby={`${id}-hint`}>
        {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABEL[r]}</option>)}
      </select>
      <p id={`${id}-hint`} className="field__hint">{ROLE_LABEL[value]}: {ROLE_HINT[value]}.</p>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}

interface Member { userId?: number | null; name?: string | null; email?: string | null; role?: ClubRole | null; status?: string | null }

function MemberRow({ clubId, member, canManage, onChanged }: { clubId: number; member: Member; canManage: boolean; onChanged: (m: string) => void }) {
  const [role, setRole] = useState<ClubRole>(member.role ?? ("door" as ClubRole));
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [saving, change] = useMutation(ChangeRole);
  const [removing, remove] = useMutation(RemoveMember);
  const [withdrawing, withdraw] = useMutation(CancelInvitation);
  // Names are not unique: the email tells two members called alike apart (labels, messages).
  const who = member.name ? `${member.name} (${member.email})` : (member.email ?? "this member");
  const invited = member.status === "invited";

  async function save(e: FormEvent) {
    e.preventDefault();
    const result = await change({ clubId, userId: member.userId!, role });
    setErrors(apiErrors(result.error));
    if (result.data?.updateClubMember?.member) onChanged(`${who} is now ${ROLE_LABEL[role]?.toLowerCase()}.`);
  }
  async function drop() {
    if (!window.confirm(invited ? `Withdraw the invitation of ${who}?` : `Remove ${who} from the club? Their rights end at once.`)) return;
    const result = invited ? await withdraw({ clubId, email: member.email! }) : await remove({ clubId, userId: member.userId! });
    setErrors(apiErrors(result.error));
    if (!result.error) onChanged(invited ? `Withdrew the invitation of ${who}.` : `Removed ${who}.`);
  }

  return (
    <li className="card">
      <p>
        <strong>{member.name ?? member.email}</strong>
        {member.name && <> · {member.email}</>} · {ROLE_LABEL[member.role ?? "door"]}
        {invited && <> · <em>invited</em></>}
      </p>
      {/* LAST_OWNER names the member (user_id); everything is said here, beside the member it concerns. */}
      <ErrorList messages={[...errors.general, ...Object.values(errors.byField)]} />
      {canManage && (
        <form onSubmit={save} noValidate className="member-row">
          {!invited && (
            <RoleSelect id={`role-${member.userId}`} label={`Role of ${who}`} value={role} onChange={setRole} />
          )}
          <div className="actions">
            {!invited && (
              <button type="submit" disabled={saving.fetching || role === member.role}>
                {saving.fetching ? "Saving…" : "Save"}<span className="visually-hidden"> role of {who}</span>
              </button>
            )}
            <button type="button" className="danger" onClick={drop} disabled={removing.fetching || withdrawing.fetching}>
              {invited ? "Withdraw" : "Remove"}<span className="visually-hidden"> {who}</span>
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
