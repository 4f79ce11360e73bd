import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors, type ApiErrors } from "../graphql/errors.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { AllCategories } from "./useCategories.ts";

const CreateCategory = graphql(`
  mutation CreateCategory($name: String!) {
    createCategory(input: { category: { name: $name } }) { category { id name } }
  }
`);

const RenameCategory = graphql(`
  mutation RenameCategory($id: Int!, $name: String!) {
    updateCategoryById(input: { id: $id, categoryPatch: { name: $name } }) { category { id name } }
  }
`);

const DeleteCategory = graphql(`
  mutation DeleteCategory($id: Int!) {
    deleteCategoryById(input: { id: $id }) { category { id } }
  }
`);

const NO_ERRORS: ApiErrors = { byField: {}, general: [] };

export function CategoriesPage() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: AllCategories, requestPolicy: "cache-and-network" });
  const [adding, create] = useMutation(CreateCategory);
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [status, setStatus] = useState("");
  // Rises with every change that succeeds: errors shown for an earlier attempt no longer describe the list.
  const [generation, setGeneration] = useState(0);
  const categories = (data?.allCategories?.nodes ?? []).filter((c) => c !== null);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ byField: { name: "Give the category a name." }, general: [] });
      return;
    }
    const result = await create({ name: name.trim() });
    setErrors(apiErrors(result.error));
    if (result.error) setStatus("");
    if (result.data?.createCategory?.category) {
      setStatus(`Added ${result.data.createCategory.category.name}.`);
      setGeneration((g) => g + 1);
      setName("");
      refetch({ requestPolicy: "network-only" });
    }
  }

  return (
    <section aria-labelledby="categories-title">
      <h1 id="categories-title">Categories</h1>
      <form onSubmit={add} noValidate className="admin-form category-add">
        <ErrorList messages={errors.general} />
        <FormField label="New category" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.byField.name} maxLength={100} />
        <button type="submit" disabled={adding.fetching}>{adding.fetching ? "Adding…" : "Add category"}</button>
      </form>
      <p role="status" className="admin-saved">{status}</p>
      {fetching && !data && <p role="status">Loading categories…</p>}
      {error && !data && <p role="alert" className="error-box">Could not load categories: {error.message}</p>}
      {data && categories.length === 0 && <p>No categories yet.</p>}
      <ul className="category-list">
        {categories.map((c) => (
          <CategoryRow key={c.id} category={c} generation={generation} onChanged={(message) => {
            setStatus(message);
            setErrors(NO_ERRORS);
            setGeneration((g) => g + 1);
            refetch({ requestPolicy: "network-only" });
          }} onFailed={() => setStatus("")} />
        ))}
      </ul>
    </section>
  );
}

function CategoryRow({ category, generation, onChanged, onFailed }: {
  category: { id: number; name: string }; generation: number; onChanged: (message: string) => void; onFailed: () => void;
}) {
  const [name, setName] = useState(category.name);
  const [errors, setErrors] = useState<ApiErrors>(NO_ERRORS);
  const [seen, setSeen] = useState(generation);
  if (seen !== generation) {
    // Another change succeeded since this row's error was shown.
    setSeen(generation);
    setErrors(NO_ERRORS);
  }
  const [renaming, rename] = useMutation(RenameCategory);
  const [removing, remove] = useMutation(DeleteCategory);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setErrors({ byField: { name: "A category needs a name." }, general: [] });
      return;
    }
    const result = await rename({ id: category.id, name: name.trim() });
    setErrors(apiErrors(result.error));
    if (result.error) onFailed();
    if (result.data?.updateCategoryById?.category) onChanged(`Renamed to ${result.data.updateCategoryById.category.name}.`);
  }

  async function drop() {
    if (!window.confirm(`Remove the category "${category.name}"? Its events keep existing, without a category.`)) return;
    const result = await remove({ id: category.id });
    setErrors(apiErrors(result.error));
    if (result.error) onFailed();
    if (result.data?.deleteCategoryById?.category) onChanged(`Removed ${category.name}.`);
  }

  return (
    <li>
      <form onSubmit={save} noValidate className="category-row">
        <ErrorList messages={errors.general} />
        <FormField
          label={`Rename ${category.name}`}
          className="category-row__name"
          name="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.byField.name}
          maxLength={100}
        />
        <div className="actions">
          <button type="submit" disabled={renaming.fetching || name.trim() === category.name}>
            {renaming.fetching ? "Saving…" : "Save"}
            <span className="visually-hidden"> name of {category.name}</span>
          </button>
          <button type="button" className="danger" onClick={drop} disabled={removing.fetching}>
            Remove<span className="visually-hidden"> {category.name}</span>
          </button>
        </div>
      </form>
    </li>
  );
}
