// The GraphQL request bounds and their defaults, apart from the code that
// enforces them so configuration can read them without loading GraphQL.

export interface GraphqlLimits {
  /** Nesting of field selections (fragments count as a level). */
  maxDepth: number;
  /** Aliased fields in one operation, __typename included. */
  maxAliases: number;
  /** Lexical tokens of the document. */
  maxTokens: number;
  /** Fields counted once per row a page may hold (cost.ts). */
  maxCost: number;
  /** Largest `first`/`last` on any connection. */
  maxPageSize: number;
  /** Rows of a connection asked for without `first` or `last`. */
  defaultPageSize: number;
  /** Largest /graphql request body, and largest document in a websocket message. */
  maxBodyBytes: number;
}

/** Far above what the web app, the README's examples and GraphiQL send, and low
 * enough that one anonymous request reads a few thousand rows at most. */
export const defaultGraphqlLimits: GraphqlLimits = {
  maxDepth: 10,
  maxAliases: 15,
  maxTokens: 1_000,
  maxCost: 5_000,
  maxPageSize: 100,
  defaultPageSize: 20,
  maxBodyBytes: 64 * 1024,
};
