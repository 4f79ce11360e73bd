// Cohorts: subscribers whose operation, variables and visible claims give the
// same result share one grafast execution and one serialization per change.
// At a stadium-size sale ten thousand sockets watch one count; per subscriber,
// a change costs one socket write and nothing else.
//
// How. The first subscriber of a (document, operation name, variables, visible
// claims) starts the cohort's one grafast subscription, whose `listen` step
// reads from the cohort's feed instead of the availability streams (the
// context's `availabilityFeed`), which also tells the cohort its topic. Each
// member keeps its own watcher in the availability streams, so every guarantee
// is still per subscriber (current value first, never backwards, again after a
// lost LISTEN connection); what a watcher would push into its own grafast
// execution goes into the cohort's queue instead, and consecutive identical
// items (one notification reaching every member) are one item, and a newer
// count of an event supersedes an older one that has not reached a member yet
// (changes faster than a fan-out cost one write per subscriber per fan-out,
// and each subscriber gets the newest count sooner). Each result is
// serialized once (exactly as grafserv's onNext and graphql-ws's `next` do)
// and each member's `next` frame is that payload with its own id spliced in:
// the bytes a client receives are the bytes it would get without cohorts
// (test/api/subscription-cohorts.test.ts compares them).
//
// graphql-ws still owns each operation (limits, complete, close): a member is
// the async iterator it is handed, which yields nothing (frames are written
// by the cohort) and ends, or throws, when the subscription ends.
import type { ExecutionResult } from "postgraphile/graphql";
import { getOperationAST, Kind, type DocumentNode, type SelectionSetNode } from "postgraphile/graphql";
import type { GrafastSubscriber } from "postgraphile/grafast";
import { MAX_UNREAD, tooSlow, type AvailabilitySink, type AvailabilityStreams } from "../availability/streams.ts";
import { framePrefix, textFrame, type FramePrefix, type FrameWriter } from "./frames.ts";

/** What graphql-websockets.ts attaches to an operation's execution arguments: whose it is. */
export const OPERATION = Symbol("graphql-ws operation");
export interface OperationOwner {
  id: string;
  writer: FrameWriter;
}

type Args = Record<string | symbol, any> & {
  document: DocumentNode;
  operationName?: string | null;
  variableValues?: Record<string, unknown> | null;
  contextValue: Record<string, any>;
};
type Subscribe = (args: Args) => Promise<unknown>;
/** grafserv's onNext: the masked result when it has errors. */
type OnNext = (result: ExecutionResult) => unknown;

/**
 * Root fields whose result is computed from the availability message alone
 * (public information, read as the anonymous role): who asks does not change
 * it, so signed-in and anonymous subscribers share a cohort. Their type,
 * EventAvailability, has only leaf fields (test/unit/websocket-frames.test.ts checks it).
 */
const CLAIMS_FREE_ROOT_FIELDS = new Set(["eventAvailability", "eventsAvailability", "__typename"]);

/**
 * Root fields a cohort can run: those whose `listen` reads the context's
 * availabilityFeed (src/graphql/availability-plugin.ts). Any other subscription
 * (queueEntry: one student's place, fed by src/release/queue-streams.ts) is not
 * shared and goes to grafast exactly as without cohorts.
 */
const COHORT_ROOT_FIELDS = new Set(["eventAvailability", "eventsAvailability", "__typename"]);

export class Cohorts {
  private readonly cohorts = new Map<string, Cohort>();
  private readonly documentIds = new WeakMap<DocumentNode, number>();
  private nextDocumentId = 0;
  private readonly streams: AvailabilityStreams;
  private readonly onNext: OnNext;

  constructor(streams: AvailabilityStreams, onNext: OnNext) {
    this.streams = streams;
    this.onNext = onNext;
  }

  /** Cohorts running now (tests, metrics). */
  get size() {
    return this.cohorts.size;
  }

  /**
   * graphql-ws's `subscribe`: a subscription joins its cohort; anything else
   * (or an operation without an owner) goes to `subscribe` as before.
   */
  async subscribe(args: Args, subscribe: Subscribe): Promise<unknown> {
    const owner = args[OPERATION] as OperationOwner | undefined;
    const operation = getOperationAST(args.document, args.operationName);
    if (!owner || operation?.operation !== "subscription" || !rootFieldsIn(args.document, operation.selectionSet, COHORT_ROOT_FIELDS)) {
      return subscribe(args);
    }
    const key = this.keyOf(args, operation.selectionSet);
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      cohort = new Cohort(this.onNext, () => this.cohorts.get(key) === cohort && this.cohorts.delete(key));
      this.cohorts.set(key, cohort);
      cohort.start(args, subscribe);
    }
    const member = new Member(cohort, owner);
    cohort.members.add(member);
    const started = await cohort.started;
    if (started.result !== undefined) {
      // Not a stream (refused, or an error before it started): as grafast answered.
      cohort.members.delete(member);
      return started.result;
    }
    if (!member.closed) member.watch(this.streams, started.topic!);
    letGo(args);
    return member;
  }

  private keyOf(args: Args, selectionSet: SelectionSetNode) {
    let documentId = this.documentIds.get(args.document);
    if (documentId === undefined) this.documentIds.set(args.document, (documentId = this.nextDocumentId++));
    const claims = rootFieldsIn(args.document, selectionSet, CLAIMS_FREE_ROOT_FIELDS) ? "" : visibleClaims(args.contextValue.pgSettings);
    return `${documentId}\n${args.operationName ?? ""}\n${JSON.stringify(args.variableValues ?? {})}\n${claims}`;
  }
}

/**
 * graphql-ws holds an operation's execution arguments until it ends, only to
 * hand them to onNext with each result, which a member never yields (the
 * cohort writes its frames; the cohort's execution has its own copy). What they
 * reference (the context, the connection's request, the variables, about a
 * kilobyte) is let go, so an idle subscriber costs the server only its own.
 */
function letGo(args: Args) {
  for (const key of ["contextValue", "requestContext", "variableValues", "resolvedPreset", "rootValue"]) args[key] = undefined;
}

/** Every root field (through fragments) is one of `fields`. */
function rootFieldsIn(document: DocumentNode, selectionSet: SelectionSetNode, fields: ReadonlySet<string>): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return fields.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFieldsIn(document, selection.selectionSet, fields);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === selection.name.value);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && rootFieldsIn(document, fragment.selectionSet, fields);
  });
}

/** The settings an execution runs with, less the caller's address (read only by sign-in throttling). */
function visibleClaims(pgSettings: Record<string, string> | undefined) {
  const { "ticketing.client_address": _address, ...claims } = pgSettings ?? {};
  return JSON.stringify(Object.entries(claims).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** One value to execute, and the members (each with its key: the event) it is for. */
interface Item {
  value: string;
  members: Member[];
  keys: unknown[];
  /**
   * Members for whom this is still the newest item of its key: a newer count
   * of the same event, queued before this one reached them, supersedes it. At
   * 0 nobody needs it, and it is not executed if grafast has not taken it yet.
   */
  live: number;
}

class Cohort {
  readonly members = new Set<Member>();
  /** Resolves once grafast has answered: with the topic, or with a result that is not a stream. */
  started!: Promise<{ topic?: string; result?: unknown }>;
  private readonly feed = new Feed();
  private iterator?: AsyncIterator<ExecutionResult>;
  private stopped = false;
  private readonly onNext: OnNext;
  private readonly forget: () => void;

  constructor(onNext: OnNext, forget: () => void) {
    this.onNext = onNext;
    this.forget = forget;
  }

  start(args: Args, subscribe: Subscribe) {
    let topic: string | undefined;
    const feed: GrafastSubscriber = {
      subscribe: (name) => {
        topic = String(name);
        return this.feed;
      },
    };
    this.started = subscribe({ ...args, contextValue: { ...args.contextValue, availabilityFeed: feed } }).then(
      (result) => {
        if (!isAsyncIterable(result) || topic === undefined) {
          this.stop();
          return { result };
        }
        this.iterator = result[Symbol.asyncIterator]() as AsyncIterator<ExecutionResult>;
        void this.run(this.iterator);
        return { topic };
      },
      (error: unknown) => {
        this.stop();
        throw error;
      },
    );
  }

  /**
   * An item for `member`: consecutive identical items (one notification
   * reaching every member) are executed once, and the member's older item of
   * the same key that has not reached it yet is superseded (it will not be written to it).
   */
  submit(member: Member, value: string, key: unknown) {
    const last = this.feed.queue.at(-1);
    const item = last !== undefined && last.value === value ? last : { value, members: [], keys: [], live: 0 };
    if (!member.queued(key, item)) return; // already in it
    item.members.push(member);
    item.keys.push(key);
    if (item !== last) this.feed.push(item);
  }

  leave(member: Member) {
    this.members.delete(member);
    if (this.members.size === 0) this.stop();
  }

  private async run(iterator: AsyncIterator<ExecutionResult>) {
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const item = this.feed.answered();
        if (!item || item.live === 0) continue;
        const payload = Buffer.from(serializeNext(next.value, this.onNext));
        const started = performance.now();
        await deliver(item, payload);
        await this.restAfter(performance.now() - started);
      }
    } catch (error) {
      for (const member of this.members) member.fail(error);
    } finally {
      this.stop();
      for (const member of this.members) member.end(); // graphql-ws completes each, as when a stream ends
    }
  }

  /**
   * After a long fan-out, when the next count is already waiting (changes come
   * faster than fan-outs), the cohort rests as long as the fan-out took before
   * the next: a stream of changes takes at most half the core from bookings on
   * the same instance, and counts that arrive meanwhile are superseded by the
   * newest, which goes out next. A change that finds the cohort idle goes out at once.
   */
  private async restAfter(fanOutMs: number) {
    if (fanOutMs < REST_AFTER_MS || this.feed.queue.length === 0 || this.stopped) return;
    await new Promise((resolve) => setTimeout(resolve, fanOutMs));
  }

  private stop() {
    if (this.stopped) return;
    this.stopped = true;
    this.forget();
    this.feed.end();
    void this.iterator?.return?.().catch(() => {});
  }
}

/** Frames written before other work gets a turn: a few milliseconds of writes. */
const SLICE_MS = 4;
/** A fan-out at least this long (thousands of members) is followed by a rest when more changes wait. */
const REST_AFTER_MS = 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Each member's frame, in slices of a few milliseconds: ten thousand socket
 * writes take over 100 ms of a core, and a booking that arrives meanwhile is
 * answered between two slices rather than after the last write. Members that
 * left meanwhile, or for whom a newer count of the event was queued meanwhile,
 * are skipped (deliver checks): when changes come faster than a fan-out, each
 * subscriber gets the newest count as soon as it can, and the server's work
 * stays one write per subscriber per fan-out rather than one per change. The
 * next item waits for this one.
 */
async function deliver(item: Item, payload: Buffer) {
  let sliceStarted = performance.now();
  for (let i = 0; i < item.members.length; i++) {
    item.members[i]!.deliver(payload, item.keys[i], item);
    if (i % 64 === 63 && performance.now() - sliceStarted >= SLICE_MS) {
      await nextTurn();
      sliceStarted = performance.now();
    }
  }
}

/** graphql-ws's `next` payload for a result (graphql-ws/server's emit.next, after grafserv's onNext), as JSON. */
function serializeNext(result: ExecutionResult, onNext: OnNext): string {
  const { errors, ...withoutErrors } = result;
  const payload = onNext(result) || { ...withoutErrors, ...(errors ? { errors: errors.map((e) => e.toJSON()) } : {}) };
  return JSON.stringify(payload);
}

const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";

/**
 * The cohort's one source for grafast: the values of the items its members
 * submit, in order. Grafast answers one result per value, in order, so the
 * items it has taken are the first `taken` of the queue, and an answer is for
 * the oldest of them. An item nobody needs any more (superseded for every
 * member) is dropped before grafast takes it.
 */
class Feed implements AsyncIterableIterator<string> {
  /** Items taken by grafast whose results have not come back, then items not taken yet. */
  readonly queue: Item[] = [];
  private taken = 0;
  private waiting?: (result: IteratorResult<string>) => void;
  private ended = false;

  [Symbol.asyncIterator]() {
    return this;
  }

  push(item: Item) {
    if (this.ended) return;
    this.queue.push(item);
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting) waiting(this.take()!);
  }

  /** The item grafast's next result is for. */
  answered(): Item | undefined {
    if (this.taken === 0) return undefined;
    this.taken--;
    return this.queue.shift();
  }

  end() {
    this.ended = true;
    this.queue.length = 0;
    this.taken = 0;
    this.waiting?.({ value: undefined, done: true });
    this.waiting = undefined;
  }

  next(): Promise<IteratorResult<string>> {
    const next = this.take();
    if (next) return Promise.resolve(next);
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  private take(): IteratorResult<string> | undefined {
    while (this.taken < this.queue.length && this.queue[this.taken]!.live === 0) this.queue.splice(this.taken, 1);
    if (this.taken === this.queue.length) return undefined;
    return { value: this.queue[this.taken++]!.value, done: false };
  }

  return(): Promise<IteratorResult<string>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }
}

/**
 * One subscriber: a sink for its availability watcher (what it pushes goes to
 * the cohort), and the iterator graphql-ws holds for the operation. Like a
 * subscription without cohorts it has at most one frame being written; while
 * one is, newer payloads wait, one per event (a newer count replaces the
 * unread older one), and past MAX_UNREAD of them it ends with SUBSCRIBER_TOO_SLOW.
 */
class Member implements AvailabilitySink, AsyncIterableIterator<never> {
  closed = false;
  private readonly cohort: Cohort;
  private readonly writer: FrameWriter;
  /** `{"id":"<id>","type":"next","payload":` as bytes: the frame's part that is this subscriber's own. */
  private readonly prefix: FramePrefix;
  private writing = false;
  private unread?: Map<unknown, Buffer>;
  private failure?: { error: unknown };
  private waiter?: { resolve(result: IteratorResult<never>): void; reject(error: unknown): void };
  private unwatch = () => {};
  private nextOwnKey = 0;
  /**
   * The newest item queued for this member, per key, until it is written: one
   * slot (an event subscription has one key), and a Map once a second key is queued.
   */
  private newestKey?: unknown;
  private newestItem?: Item;
  private newestMore?: Map<unknown, Item>;
  /** Called when the frame being written has gone to the kernel (made once, not per frame). */
  private readonly written = () => {
    this.writing = false;
    const first = this.unread?.entries().next();
    if (!first || first.done) return;
    this.unread!.delete(first.value[0]);
    this.write(first.value[1]);
  };

  constructor(cohort: Cohort, owner: OperationOwner) {
    this.cohort = cohort;
    this.writer = owner.writer;
    this.prefix = framePrefix(`{"id":${JSON.stringify(owner.id)},"type":"next","payload":`);
  }

  watch(streams: AvailabilityStreams, topic: string) {
    this.unwatch = streams.watch(topic, this);
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  // AvailabilitySink: what the watcher would have pushed into its own execution.
  push(value: string, key?: unknown) {
    if (!this.closed) this.cohort.submit(this, value, key ?? { own: this.nextOwnKey++ });
  }

  /**
   * `item` is queued for this member with `key`: it becomes the newest of that
   * key, and the one it replaces loses this member. False if it was already.
   */
  queued(key: unknown, item: Item): boolean {
    const previous = this.newest(key);
    if (previous === item) return false;
    if (previous) previous.live--;
    item.live++;
    if (this.newestItem === undefined || this.newestKey === key) {
      this.newestKey = key;
      this.newestItem = item;
    } else {
      (this.newestMore ??= new Map()).set(key, item);
    }
    return true;
  }

  private newest(key: unknown): Item | undefined {
    return this.newestItem !== undefined && this.newestKey === key ? this.newestItem : this.newestMore?.get(key);
  }

  /** `item` is being written: false if a newer item of `key` has superseded it for this member. */
  private take(key: unknown, item: Item): boolean {
    if (this.newestItem === item && this.newestKey === key) {
      this.newestItem = this.newestKey = undefined;
    } else if (this.newestMore?.get(key) === item) {
      this.newestMore.delete(key);
      if (this.newestMore.size === 0) this.newestMore = undefined;
    } else {
      return false;
    }
    item.live--;
    return true;
  }

  /** The cohort's serialized payload for an item of this member. */
  deliver(payload: Buffer, key: unknown, item: Item) {
    if (this.closed || !this.take(key, item)) return;
    if (!this.writing) return this.write(payload);
    const unread = (this.unread ??= new Map());
    unread.delete(key); // a newer value of the same key goes to the back
    unread.set(key, payload);
    if (unread.size > MAX_UNREAD) this.fail(tooSlow());
  }

  private write(payload: Buffer) {
    this.writing = this.writer.write(textFrame(this.prefix, payload), this.written);
  }

  fail(error: unknown) {
    if (this.closed) return;
    this.failure = { error };
    this.end();
  }

  end() {
    if (this.closed) return;
    this.closed = true;
    this.unread = undefined;
    if (this.newestItem) this.newestItem.live--;
    for (const item of this.newestMore?.values() ?? []) item.live--;
    this.newestItem = this.newestKey = this.newestMore = undefined;
    this.unwatch();
    this.cohort.leave(this);
    const waiter = this.waiter;
    this.waiter = undefined;
    if (!waiter) return;
    if (this.failure) waiter.reject(this.failure.error);
    else waiter.resolve({ value: undefined, done: true });
  }

  // graphql-ws's side: the operation's iterator. It never yields; it ends when the subscription does.
  next(): Promise<IteratorResult<never>> {
    if (this.failure) return Promise.reject(this.failure.error);
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<never>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error: unknown): Promise<IteratorResult<never>> {
    this.end();
    return Promise.reject(error);
  }
}
