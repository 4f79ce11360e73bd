// How a GraphQL document is read before grafserv's cache lookup
// (src/graphql/limits/documents.ts): comments go, nothing a parser sees changes,
// and every token keeps its line and column.
import { Lexer, parse, print, Source, TokenKind } from "postgraphile/graphql";
import { describe, expect, it } from "vitest";
import { readDocument } from "../../src/graphql/limits/documents.ts";

/** Each token's kind, value, line and column. */
function tokens(text: string) {
  const lexer = new Lexer(new Source(text));
  const found: string[] = [];
  for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
    found.push(`${token.kind} ${token.value ?? ""} ${token.line}:${token.column}`);
  }
  return found;
}

describe("reading a document before the cache lookup", () => {
  const plain = `query Q($e: Int!) {\n  event(id: $e) { name }\n}`;

  it("gives the same text for the same document with any comments, and its tokens", () => {
    const commented = `# ${Math.random()}\nquery Q($e: Int!) { # why\n  event(id: $e) { name } #\t\n}  # the end\n\n`;
    const read = readDocument(commented, 1_000)!;
    expect(read.text).toBe(`\nquery Q($e: Int!) {\n  event(id: $e) { name }\n}`);
    expect(readDocument(`\n${plain} # another`, 1_000)!.text).toBe(read.text);
    expect(read.tokens).toBe(tokens(plain).length);
    expect(tokens(read.text)).toEqual(tokens(commented));
  });

  it("leaves a document without comments as it is, and what is inside strings", () => {
    expect(readDocument(plain, 1_000)).toEqual({ text: plain, tokens: tokens(plain).length });
    const strings = `{ search(text: "a # not a comment") { note(text: """\n  kept  \n  # kept too\n""") } }`;
    expect(readDocument(strings, 1_000)!.text).toBe(strings);
    expect(print(parse(readDocument(`${strings} # gone`, 1_000)!.text))).toBe(print(parse(strings)));
  });

  it("stops lexing past the token limit, and passes a syntax error through for the parser to place", () => {
    expect(readDocument(`{ ${"a ".repeat(50)}}`, 51)).toBeUndefined();
    expect(readDocument(`{ ${"a ".repeat(49)}}`, 51)!.tokens).toBe(51);
    const broken = `{ a # comment\n  "unterminated }`;
    expect(readDocument(broken, 1_000)).toEqual({ text: broken, tokens: 2 });
  });
});
