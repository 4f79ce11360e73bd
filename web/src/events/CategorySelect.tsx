import { useQuery } from "urql";
import { graphql } from "../gql";

const Categories = graphql(`
  query Categories {
    allCategories(orderBy: [NAME_ASC], first: 100) { nodes { id name } }
  }
`);

interface Props {
  value: number | null;
  onChange: (categoryId: number | null) => void;
}

export function CategorySelect({ value, onChange }: Props) {
  const [{ data }] = useQuery({ query: Categories });
  const categories = (data?.allCategories?.nodes ?? []).filter((c): c is NonNullable<typeof c> => c != null);
  return (
    <div className="field">
      <label htmlFor="category-filter">Category</label>
      <select
        id="category-filter"
        value={value ?? ""}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">All categories</option>
        {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
    </div>
  );
}
