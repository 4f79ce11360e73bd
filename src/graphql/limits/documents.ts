// GraphQL documents this process has not seen cost what they cost.
//
// grafserv keeps parsed and validated documents by their exact text, and
// grafast its plans per parsed document. A request whose text is new pays for
// parsing, validation and planning: measured here, 2 ms for a repeated small
// query against 7 ms new, and 120 ms new for one with 15 aliased connections;
// about proportional to its tokens. A comment (`# 8f3a…`) makes any text new,
// and four clients doing that raised others' booking p99 from 0.4 s to 1.6 s.
//
// So, before grafserv's cache lookup:
//  1. Comments go (and the blanks they leave at the ends of lines, and
//     everything after the last token): the same document with different
//     comments is one document, found in the cache. Nothing else moves, so
//     every token keeps its line and column and error locations still point
//     into what the client sent.
//  2. A document still new spends its client's budget (document-budget.ts):
//     its tokens, at least MIN_TOKENS_SPENT (what a tiny new document costs
//     next to a known one), out of GRAPHQL_NEW_DOCUMENT_TOKENS per window. A
//     renamed alias or variable, or moved whitespace, makes a new document no
//     normalising can undo; the budget bounds those. The client is the user
//     when signed in, else the client address (preset.ts).
// A known document spends nothing and waits for nothing: the booking hot path
// has no Redis round trip more. We chose this over trusted documents for
// anonymous callers (README, "What a GraphQL request may ask for"): the API is
// public by design, and a budget bounds a script's new documents without
// refusing its first one.
import { Lexer, Source, TokenKind } from "postgraphile/graphql";
import { PARSE_CACHE_SIZE } from "./defaults.ts";

export interface ReadDocument {
  /** The text without comments and trailing blanks: what grafserv parses and caches. */
  text: string;
  /** Its tokens; for a text that does not lex, those before the error. */
  tokens: number;
}

/** A new document's floor: below it, what it costs is mostly grafserv's and grafast's fixed work. */
export const MIN_TOKENS_SPENT = 50;

/** A Map kept to the `size` keys most recently used. */
class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();
  private readonly size: number;
  constructor(size: number) {
    this.size = size;
  }
  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** What lies between two tokens, without comments and with nothing left at the end of a line. */
function withoutComments(gap: string): string {
  return gap.replace(/#[^\n\r]*/g, "").replace(/[ \t]+(?=[\n\r])/g, "");
}

/** The document without comments (see above) and its tokens; undefined past `maxTokens`, lexing no further. */
export function readDocument(query: string, maxTokens: number): ReadDocument | undefined {
  const lexer = new Lexer(new Source(query));
  const parts: string[] = [];
  let copiedTo = 0; // query[0, copiedTo) is in parts
  let previousEnd = 0;
  let tokens = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > maxTokens) return undefined;
      // A comment runs to the end of its line, so a gap holding one holds a line break too.
      if (token.start - previousEnd > 1) {
        const gap = query.slice(previousEnd, token.start);
        const kept = withoutComments(gap);
        if (kept !== gap) {
          parts.push(query.slice(copiedTo, previousEnd), kept);
          copiedTo = token.start;
        }
      }
      previousEnd = token.end;
    }
  } catch {
    // A syntax error: grafserv's parser reports it, at its place in the text as sent.
    return { text: query, tokens };
  }
  if (copiedTo === 0 && previousEnd === query.length) return { text: query, tokens };
  parts.push(query.slice(copiedTo, previousEnd));
  return { text: parts.join(""), tokens };
}

/** The tokens a new document spends from its client's budget. */
export const tokensSpent = (document: ReadDocument) => Math.max(document.tokens, MIN_TOKENS_SPENT);

/**
 * Texts read (the same few arrive over and over: lexing each again is a
 * measurable part of a small request's cost, bench sold-out scenario) and the
 * documents grafserv has parsed, as far as this process can tell: both keep as
 * many as grafserv's parse cache, used in the same order, so they hold about
 * the same texts it does (and no more text than it does). One per server: each
 * has its own token limit.
 */
export class DocumentCache {
  private readonly read = new RecentlyUsed<ReadDocument>(PARSE_CACHE_SIZE);
  private readonly parsed = new RecentlyUsed<true>(PARSE_CACHE_SIZE);
  /** Texts whose spend is in flight (as many as requests in flight at most), and its answer. */
  private readonly spending = new Map<string, Promise<number | undefined>>();
  private readonly maxTokens: number;
  constructor(maxTokens: number) {
    this.maxTokens = maxTokens;
  }

  /** The document as grafserv should see it; undefined past the token limit (never remembered). */
  document(query: string): ReadDocument | undefined {
    let document = this.read.get(query);
    if (document) return document;
    document = readDocument(query, this.maxTokens);
    if (document) this.read.set(query, document);
    return document;
  }

  /** Whether grafserv has this text parsed (and it counts as used again). */
  isKnown(text: string): boolean {
    return this.parsed.get(text) !== undefined;
  }

  /**
   * Lets a text through once: undefined when grafserv knows it, else what
   * `spend` answers (undefined when the client's budget paid for it, then the
   * text is known; else the seconds to wait). Copies of a text that arrive while
   * its spend is in flight wait for that spend instead of starting their own:
   * grafserv parses a text once however many requests bring it, so its client
   * pays once. Without this, a burst of one new document (1,000 subscriptions
   * of one text on one socket, test/hostile/subscription-flood.test.ts: every
   * copy was read before the first spend's Redis answer) paid for every copy:
   * 200 fit in the default budget and the other 800 were refused RATE_LIMITED,
   * their subscribers never getting a value. A copy whose first spend was
   * refused (its client's budget) or failed spends its own client's budget.
   */
  admit(text: string, spend: () => Promise<number | undefined>): Promise<number | undefined> | undefined {
    if (this.isKnown(text)) return undefined;
    const pending = this.spending.get(text);
    if (pending) {
      const again = () => this.admit(text, spend);
      return pending.then(again, again);
    }
    const spent = spend()
      .then((retryAfter) => {
        if (retryAfter === undefined) this.parsed.set(text, true); // grafserv parses and keeps it next
        return retryAfter;
      })
      .finally(() => this.spending.delete(text));
    this.spending.set(text, spent);
    return spent;
  }
}
