import { useQuery } from "urql";
import { graphql } from "../gql";

export const AllCategories = graphql(`
  query AdminCategories {
    allCategories(orderBy: [NAME_ASC], first: 100) {
      nodes { id name }
    }
  }
`);

/** Categories for the event form's choice (urql's document cache refreshes them after a category mutation). */
export function useCategories(): { id: number; name: string }[] {
  const [{ data }] = useQuery({ query: AllCategories });
  return (data?.allCategories?.nodes ?? []).filter((c) => c !== null);
}
