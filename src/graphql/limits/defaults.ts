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
  /** Items in any one list, written in the document or sent as (part of) a variable (lists.ts). */
  maxListItems: number;
  /** Tokens of documents new to this process one client may send per window (documents.ts). */
  newDocumentTokens: number;
  /** The window of `newDocumentTokens`, in seconds. */
  newDocumentWindowSeconds: number;
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
  // No list needs more items than a page has rows: an `orderBy` uses a few.
  maxListItems: 100,
  // Ten documents at the token limit per minute, or a few hundred small ones.
  newDocumentTokens: 10_000,
  newDocumentWindowSeconds: 60,
};

/** Parsed documents grafserv keeps for reuse (preset.ts), and so the documents
 * this process counts as known (documents.ts): the two caches see the same
 * texts in the same order, so they hold the same ones. */
export const PARSE_CACHE_SIZE = 100;
