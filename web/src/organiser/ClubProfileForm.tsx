import { useState, type FormEvent } from "react";
import { useMutation } from "urql";
import { graphql } from "../gql";
import { apiErrors, type ApiErrors } from "../graphql/errors.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";

const UpdateClub = graphql(`
  mutation UpdateClub($id: Int!, $name: String!, $description: String!) {
    updateClub(input: { id: $id, name: $name, description: $description }) { club { id name description } }
  }
`);

const NO_ERRORS: ApiErrors = { byField: {}, general: [] };

/**
 * The club's public profile (its name and description, shown on its page and
 * beside each of its events), for its owners and admins. The database decides
 * (FORBIDDEN for anyone else) and keeps names unique (CLUB_NAME_TAKEN).
 */
export function ClubProfileForm({ club }: { club: { id: number; name: string; description: string } }) {
  const [saving, save] = useMutation(UpdateClub);
  const [name, setName] = useState(club.name);
  const [description, setDescription] = useState(club.description);
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [status, setStatus] = useState("");
  const changed = name !== club.name || description !== club.description;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setStatus("");
    if (!name.trim()) {
      setErrors({ byField: { name: "Give the club a name." }, general: [] });
      return;
    }
    const result = await save({ id: club.id, name: name.trim(), description });
    setErrors(apiErrors(result.error));
    if (result.data?.updateClub?.club) setStatus("Saved.");
  }

  return (
    <details className="club-profile">
      <summary>Edit the club's profile</summary>
      <form onSubmit={submit} noValidate className="admin-form">
        <ErrorList messages={errors.general} />
        <FormField label="Club name" name="name" value={name} onChange={(e) => { setName(e.target.value); setStatus(""); }}
          error={errors.byField.name} maxLength={100} />
        <div className={errors.byField.description ? "field field--invalid" : "field"}>
          <label htmlFor="club-description">Description</label>
          <textarea id="club-description" name="description" rows={3} value={description} maxLength={2000}
            onChange={(e) => { setDescription(e.target.value); setStatus(""); }}
            aria-invalid={errors.byField.description ? true : undefined}
            aria-describedby={errors.byField.description ? "club-description-error" : undefined} />
          {errors.byField.description && <p id="club-description-error" className="field__error">{errors.byField.description}</p>}
        </div>
        <div className="actions">
          <button type="submit" disabled={saving.fetching || !changed}>{saving.fetching ? "Saving…" : "Save profile"}</button>
          <p role="status" className="admin-saved">{status}</p>
        </div>
      </form>
    </details>
  );
}
