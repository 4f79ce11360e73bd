/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A floating point number that requires more precision than IEEE 754 binary 64 */
  BigFloat: { input: any; output: any; }
  /**
   * A signed eight-byte integer. The upper big integer values are greater than the
   * max value for a JavaScript number. Therefore all big integers will be output as
   * strings and not numbers.
   */
  BigInt: { input: string; output: string; }
  /** A location in a connection that can be used for resuming pagination. */
  Cursor: { input: string; output: string; }
  /**
   * A point in time as described by the [ISO
   * 8601](https://en.wikipedia.org/wiki/ISO_8601) and, if it has a timezone, [RFC
   * 3339](https://datatracker.ietf.org/doc/html/rfc3339) standards. Input values
   * that do not conform to both ISO 8601 and RFC 3339 may be coerced, which may lead
   * to unexpected results.
   */
  Datetime: { input: string; output: string; }
  /** Represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: any; output: any; }
};

/** All input for the `acceptWaitlistOffer` mutation. */
export type AcceptWaitlistOfferInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  entryId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `acceptWaitlistOffer` mutation. */
export type AcceptWaitlistOfferPayload = {
  __typename?: 'AcceptWaitlistOfferPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Ticket>;
  /** An edge for our `Ticket`. May be used by Relay 1. */
  ticketEdge?: Maybe<TicketEdge>;
};


/** The output of our `acceptWaitlistOffer` mutation. */
export type AcceptWaitlistOfferPayloadTicketEdgeArgs = {
  orderBy?: Array<TicketOrderBy>;
};

/** All input for the `addClubMember` mutation. */
export type AddClubMemberInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<ClubRole>;
};

/** The output of our `addClubMember` mutation. */
export type AddClubMemberPayload = {
  __typename?: 'AddClubMemberPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  member?: Maybe<ClubMember>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};

export type Attendee = {
  __typename?: 'Attendee';
  bookedAt?: Maybe<Scalars['Datetime']['output']>;
  checkedInAt?: Maybe<Scalars['Datetime']['output']>;
  email?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  status?: Maybe<TicketStatus>;
  ticketId?: Maybe<Scalars['Int']['output']>;
  userId?: Maybe<Scalars['Int']['output']>;
};

/** A connection to a list of `Attendee` values. */
export type AttendeeConnection = {
  __typename?: 'AttendeeConnection';
  /** A list of edges which contains the `Attendee` and cursor to aid in pagination. */
  edges: Array<Maybe<AttendeeEdge>>;
  /** A list of `Attendee` objects. */
  nodes: Array<Maybe<Attendee>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `Attendee` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `Attendee` edge in the connection. */
export type AttendeeEdge = {
  __typename?: 'AttendeeEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `Attendee` at the end of the edge. */
  node?: Maybe<Attendee>;
};

export type BookTicketInput = {
  eventId: Scalars['Int']['input'];
  /** Retrying with the same key returns the ticket it already booked instead of booking again. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type BookTicketPayload = {
  __typename?: 'BookTicketPayload';
  /** A pending ticket's deadline to pay (null when confirmed). */
  holdExpiresAt?: Maybe<Scalars['Datetime']['output']>;
  /** True when the idempotency key matched an earlier booking. */
  replayed: Scalars['Boolean']['output'];
  /** confirmed, or pending (a paid event's hold: pay before the ticket's holdExpiresAt). */
  status: TicketStatus;
  /**
   * The ticket, read back after booking (with its relations). Costs a read of its own;
   * null, with an error at this path, if that read fails: the booking itself stands (ticketId).
   */
  ticket?: Maybe<Ticket>;
  ticketId: Scalars['Int']['output'];
};

/** All input for the `cancelClubInvitation` mutation. */
export type CancelClubInvitationInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `cancelClubInvitation` mutation. */
export type CancelClubInvitationPayload = {
  __typename?: 'CancelClubInvitationPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  member?: Maybe<ClubMember>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};

/** All input for the `cancelEvent` mutation. */
export type CancelEventInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `cancelEvent` mutation. */
export type CancelEventPayload = {
  __typename?: 'CancelEventPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  event?: Maybe<Event>;
  /** An edge for our `Event`. May be used by Relay 1. */
  eventEdge?: Maybe<EventEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our `cancelEvent` mutation. */
export type CancelEventPayloadEventEdgeArgs = {
  orderBy?: Array<EventOrderBy>;
};

/** All input for the `cancelTicket` mutation. */
export type CancelTicketInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  ticketId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `cancelTicket` mutation. */
export type CancelTicketPayload = {
  __typename?: 'CancelTicketPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Ticket>;
  /** An edge for our `Ticket`. May be used by Relay 1. */
  ticketEdge?: Maybe<TicketEdge>;
};


/** The output of our `cancelTicket` mutation. */
export type CancelTicketPayloadTicketEdgeArgs = {
  orderBy?: Array<TicketOrderBy>;
};

/** Kinds of events (Concert, Sports, Tech Fest, Workshop, …), managed by admins. */
export type Category = {
  __typename?: 'Category';
  createdAt: Scalars['Datetime']['output'];
  /** Reads and enables pagination through a set of `Event`. */
  eventsByCategoryId: EventConnection;
  id: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};


/** Kinds of events (Concert, Sports, Tech Fest, Workshop, …), managed by admins. */
export type CategoryEventsByCategoryIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<EventCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<EventOrderBy>>;
};

/**
 * A condition to be used against `Category` object types. All fields are tested
 * for equality and combined with a logical ‘and.’
 */
export type CategoryCondition = {
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `name` field. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A connection to a list of `Category` values. */
export type CategoryConnection = {
  __typename?: 'CategoryConnection';
  /** A list of edges which contains the `Category` and cursor to aid in pagination. */
  edges: Array<Maybe<CategoryEdge>>;
  /** A list of `Category` objects. */
  nodes: Array<Maybe<Category>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `Category` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `Category` edge in the connection. */
export type CategoryEdge = {
  __typename?: 'CategoryEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `Category` at the end of the edge. */
  node?: Maybe<Category>;
};

/** An input for mutations affecting `Category` */
export type CategoryInput = {
  name: Scalars['String']['input'];
};

/** Methods to use when ordering `Category`. */
export type CategoryOrderBy =
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NAME_ASC'
  | 'NAME_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC';

/** Represents an update to a `Category`. Fields that are set will be updated. */
export type CategoryPatch = {
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A connection to a list of `CategoryTotalsRecord` values. */
export type CategoryTotalsConnection = {
  __typename?: 'CategoryTotalsConnection';
  /** A list of edges which contains the `CategoryTotalsRecord` and cursor to aid in pagination. */
  edges: Array<Maybe<CategoryTotalsEdge>>;
  /** A list of `CategoryTotalsRecord` objects. */
  nodes: Array<Maybe<CategoryTotalsRecord>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `CategoryTotalsRecord` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `CategoryTotalsRecord` edge in the connection. */
export type CategoryTotalsEdge = {
  __typename?: 'CategoryTotalsEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `CategoryTotalsRecord` at the end of the edge. */
  node?: Maybe<CategoryTotalsRecord>;
};

export type CategoryTotalsRecord = {
  __typename?: 'CategoryTotalsRecord';
  categoryId?: Maybe<Scalars['Int']['output']>;
  categoryName?: Maybe<Scalars['String']['output']>;
  events?: Maybe<Scalars['Int']['output']>;
  ticketsSold?: Maybe<Scalars['Int']['output']>;
  totalTickets?: Maybe<Scalars['Int']['output']>;
};

export type ChangePasswordInput = {
  currentPassword: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
};

export type ChangePasswordPayload = {
  __typename?: 'ChangePasswordPayload';
  /** A new session's token: every other session of the account has ended. */
  token: Scalars['String']['output'];
  user: User;
};

/** All input for the `checkIn` mutation. */
export type CheckInInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  code?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `checkIn` mutation. */
export type CheckInPayload = {
  __typename?: 'CheckInPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Ticket>;
  /** An edge for our `Ticket`. May be used by Relay 1. */
  ticketEdge?: Maybe<TicketEdge>;
};


/** The output of our `checkIn` mutation. */
export type CheckInPayloadTicketEdgeArgs = {
  orderBy?: Array<TicketOrderBy>;
};

/** All input for the `claimLotteryWin` mutation. */
export type ClaimLotteryWinInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `claimLotteryWin` mutation. */
export type ClaimLotteryWinPayload = {
  __typename?: 'ClaimLotteryWinPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Ticket>;
  /** An edge for our `Ticket`. May be used by Relay 1. */
  ticketEdge?: Maybe<TicketEdge>;
};


/** The output of our `claimLotteryWin` mutation. */
export type ClaimLotteryWinPayloadTicketEdgeArgs = {
  orderBy?: Array<TicketOrderBy>;
};

export type CloseAccountWithLinkInput = {
  /** The token from the link requestAccountClosure mailed (?token=…). */
  token: Scalars['String']['input'];
};

/** A club or society that runs its own events. */
export type Club = {
  __typename?: 'Club';
  createdAt: Scalars['Datetime']['output'];
  description: Scalars['String']['output'];
  /** Reads and enables pagination through a set of `Event`. */
  events: EventConnection;
  id: Scalars['Int']['output'];
  /** The club's members and invited addresses, owners first (its owners and managers, admins; anyone else: FORBIDDEN). */
  members: ClubMemberConnection;
  /** Your role in this club, or null. */
  myRole?: Maybe<ClubRole>;
  name: Scalars['String']['output'];
  /** The club's events that have not started yet and are not cancelled, soonest first. */
  upcomingEvents: EventConnection;
};


/** A club or society that runs its own events. */
export type ClubEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<EventCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<EventOrderBy>>;
};


/** A club or society that runs its own events. */
export type ClubMembersArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** A club or society that runs its own events. */
export type ClubUpcomingEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};

/** A condition to be used against `Club` object types. All fields are tested for equality and combined with a logical ‘and.’ */
export type ClubCondition = {
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `name` field. */
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A connection to a list of `Club` values. */
export type ClubConnection = {
  __typename?: 'ClubConnection';
  /** A list of edges which contains the `Club` and cursor to aid in pagination. */
  edges: Array<Maybe<ClubEdge>>;
  /** A list of `Club` objects. */
  nodes: Array<Maybe<Club>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `Club` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `Club` edge in the connection. */
export type ClubEdge = {
  __typename?: 'ClubEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `Club` at the end of the edge. */
  node?: Maybe<Club>;
};

export type ClubMember = {
  __typename?: 'ClubMember';
  email?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  role?: Maybe<ClubRole>;
  /** When the member was added, or the address invited. */
  since?: Maybe<Scalars['Datetime']['output']>;
  /** active: an account with this role · invited: an address without an account yet; it becomes a member once its account is verified */
  status?: Maybe<Scalars['String']['output']>;
  userId?: Maybe<Scalars['Int']['output']>;
};

/** A connection to a list of `ClubMember` values. */
export type ClubMemberConnection = {
  __typename?: 'ClubMemberConnection';
  /** A list of edges which contains the `ClubMember` and cursor to aid in pagination. */
  edges: Array<Maybe<ClubMemberEdge>>;
  /** A list of `ClubMember` objects. */
  nodes: Array<Maybe<ClubMember>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `ClubMember` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `ClubMember` edge in the connection. */
export type ClubMemberEdge = {
  __typename?: 'ClubMemberEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `ClubMember` at the end of the edge. */
  node?: Maybe<ClubMember>;
};

/** Methods to use when ordering `Club`. */
export type ClubOrderBy =
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NAME_ASC'
  | 'NAME_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC';

/** A member's role in a club: door (checks in), manager (+ runs the club's events), owner (+ the club and its members). */
export type ClubRole =
  | 'door'
  | 'manager'
  | 'owner';

/** All input for the create `Category` mutation. */
export type CreateCategoryInput = {
  /** The `Category` to be created by this mutation. */
  category: CategoryInput;
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our create `Category` mutation. */
export type CreateCategoryPayload = {
  __typename?: 'CreateCategoryPayload';
  /** The `Category` that was created by this mutation. */
  category?: Maybe<Category>;
  /** An edge for our `Category`. May be used by Relay 1. */
  categoryEdge?: Maybe<CategoryEdge>;
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our create `Category` mutation. */
export type CreateCategoryPayloadCategoryEdgeArgs = {
  orderBy?: Array<CategoryOrderBy>;
};

/** All input for the `createClub` mutation. */
export type CreateClubInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `createClub` mutation. */
export type CreateClubPayload = {
  __typename?: 'CreateClubPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  club?: Maybe<Club>;
  /** An edge for our `Club`. May be used by Relay 1. */
  clubEdge?: Maybe<ClubEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our `createClub` mutation. */
export type CreateClubPayloadClubEdgeArgs = {
  orderBy?: Array<ClubOrderBy>;
};

/** All input for the `createEvent` mutation. */
export type CreateEventInput = {
  admissionMinutes?: InputMaybe<Scalars['Int']['input']>;
  categoryId?: InputMaybe<Scalars['Int']['input']>;
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  holdMinutes?: InputMaybe<Scalars['Int']['input']>;
  lotteryClosesAt?: InputMaybe<Scalars['Datetime']['input']>;
  maxTicketsPerStudent?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  offerMinutes?: InputMaybe<Scalars['Int']['input']>;
  priceCents?: InputMaybe<Scalars['Int']['input']>;
  queueOpensAt?: InputMaybe<Scalars['Datetime']['input']>;
  releaseMode?: InputMaybe<ReleaseMode>;
  salesEnd?: InputMaybe<Scalars['Datetime']['input']>;
  salesStart?: InputMaybe<Scalars['Datetime']['input']>;
  startsAt?: InputMaybe<Scalars['Datetime']['input']>;
  totalTickets?: InputMaybe<Scalars['Int']['input']>;
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `createEvent` mutation. */
export type CreateEventPayload = {
  __typename?: 'CreateEventPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  event?: Maybe<Event>;
  /** An edge for our `Event`. May be used by Relay 1. */
  eventEdge?: Maybe<EventEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our `createEvent` mutation. */
export type CreateEventPayloadEventEdgeArgs = {
  orderBy?: Array<EventOrderBy>;
};

export type DeleteAccountInput = {
  password: Scalars['String']['input'];
};

export type DeleteAccountPayload = {
  __typename?: 'DeleteAccountPayload';
  deleted: Scalars['Boolean']['output'];
};

/** All input for the `deleteCategoryById` mutation. */
export type DeleteCategoryByIdInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['Int']['input'];
};

/** All input for the `deleteCategoryByName` mutation. */
export type DeleteCategoryByNameInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

/** The output of our delete `Category` mutation. */
export type DeleteCategoryPayload = {
  __typename?: 'DeleteCategoryPayload';
  /** The `Category` that was deleted by this mutation. */
  category?: Maybe<Category>;
  /** An edge for our `Category`. May be used by Relay 1. */
  categoryEdge?: Maybe<CategoryEdge>;
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our delete `Category` mutation. */
export type DeleteCategoryPayloadCategoryEdgeArgs = {
  orderBy?: Array<CategoryOrderBy>;
};

/** All input for the `endAllSessions` mutation. */
export type EndAllSessionsInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `endAllSessions` mutation. */
export type EndAllSessionsPayload = {
  __typename?: 'EndAllSessionsPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Int']['output']>;
};

/** All input for the `endSession` mutation. */
export type EndSessionInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['Int']['input'];
};

/** The output of our `endSession` mutation. */
export type EndSessionPayload = {
  __typename?: 'EndSessionPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Boolean']['output']>;
};

/** All input for the `enterLottery` mutation. */
export type EnterLotteryInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `enterLottery` mutation. */
export type EnterLotteryPayload = {
  __typename?: 'EnterLotteryPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** An edge for our `LotteryEntry`. May be used by Relay 1. */
  lotteryEntryEdge?: Maybe<LotteryEntryEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<LotteryEntry>;
};


/** The output of our `enterLottery` mutation. */
export type EnterLotteryPayloadLotteryEntryEdgeArgs = {
  orderBy?: Array<LotteryEntryOrderBy>;
};

/** Something students can book tickets for. */
export type Event = {
  __typename?: 'Event';
  /** Queue: how long an admitted student may book (minutes). */
  admissionMinutes: Scalars['Int']['output'];
  /** Ticket holders of this event (not expired holds), by name: the owners and managers of its club, and admins. */
  attendees: AttendeeConnection;
  /** Rises by one with every change of tickets_remaining or total_tickets. */
  availabilityVersion: Scalars['BigInt']['output'];
  /** Why the event was called off, in the organiser's words. */
  cancelReason?: Maybe<Scalars['String']['output']>;
  /** When the event was called off (null: it was not). */
  cancelledAt?: Maybe<Scalars['Datetime']['output']>;
  /** Reads a single `Category` that is related to this `Event`. */
  categoryByCategoryId?: Maybe<Category>;
  categoryId?: Maybe<Scalars['Int']['output']>;
  /** Reads a single `Club` that is related to this `Event`. */
  club?: Maybe<Club>;
  /** The club that runs the event (null: the admins). */
  clubId?: Maybe<Scalars['Int']['output']>;
  createdAt: Scalars['Datetime']['output'];
  /** The admin who created the event. */
  createdBy?: Maybe<Scalars['Int']['output']>;
  description: Scalars['String']['output'];
  /** How long a paid booking or a waitlist offer holds its seat. */
  holdMinutes: Scalars['Int']['output'];
  id: Scalars['Int']['output'];
  /** The event's image, relative to the API (the page's size; add &size=list for a card's), or null: show a placeholder. Set with PUT /events/{id}/image. */
  imageUrl?: Maybe<Scalars['String']['output']>;
  /** Lottery: entries close and the draw runs. */
  lotteryClosesAt?: Maybe<Scalars['Datetime']['output']>;
  /** The lottery's draw: seed (hex), algorithm, the entry ids in arrival order, the order, the winners at the draw, its sha256 (admins and organisers). */
  lotteryDraw?: Maybe<ReleaseDraw>;
  /** Reads and enables pagination through a set of `LotteryEntry`. */
  lotteryEntriesByEventId: LotteryEntryConnection;
  maxTicketsPerStudent: Scalars['Int']['output'];
  name: Scalars['String']['output'];
  /** Lottery: how long a winner has to claim (minutes). */
  offerMinutes: Scalars['Int']['output'];
  /** upcoming (not started), past (started) or cancelled, as the organisers' list sorts it. */
  phase?: Maybe<EventPhase>;
  /** Ticket price in cents; 0 is a free event (booked instantly, no payment). */
  priceCents: Scalars['Int']['output'];
  /** The queue's shuffle at sales_start: seed (hex), algorithm, the entry ids in arrival order, the order, its sha256 (admins and organisers). */
  queueDraw?: Maybe<ReleaseDraw>;
  /** Reads and enables pagination through a set of `QueueEntry`. */
  queueEntriesByEventId: QueueEntryConnection;
  /** Queue: when students may start joining (null: as soon as the event exists). */
  queueOpensAt?: Maybe<Scalars['Datetime']['output']>;
  /** The waiting room in figures (admins and the event's organisers; null for anyone else and for other release modes). */
  queueStats?: Maybe<QueueStat>;
  /** first_come (default) · queue (a waiting room) · lottery (a draw). */
  releaseMode: ReleaseMode;
  /** When booking closes (null: when the event starts); never after starts_at. */
  salesEnd?: Maybe<Scalars['Datetime']['output']>;
  /** When booking opens (null: as soon as the event exists). */
  salesStart?: Maybe<Scalars['Datetime']['output']>;
  /** not_open (before sales_start) · on_sale · sold_out (no seat free; a returned seat can reopen sales) · closed (after sales_end) · started (booking closed for good) · cancelled (the event was called off, for good). */
  salesState?: Maybe<SalesState>;
  /** True when no seat is left. */
  soldOut?: Maybe<Scalars['Boolean']['output']>;
  /** When the event first sold out. */
  soldOutAt?: Maybe<Scalars['Datetime']['output']>;
  startsAt: Scalars['Datetime']['output'];
  /** scheduled, or cancelled (for good: cancelEvent). */
  status: EventStatus;
  /** Reads and enables pagination through a set of `Ticket`. */
  ticketsByEventId: TicketConnection;
  /** Seats still available; changes only through booking and cancelling. */
  ticketsRemaining: Scalars['Int']['output'];
  totalTickets: Scalars['Int']['output'];
  updatedAt: Scalars['Datetime']['output'];
  /** Reads a single `User` that is related to this `Event`. */
  userByCreatedBy?: Maybe<User>;
  venue: Scalars['String']['output'];
};


/** Something students can book tickets for. */
export type EventAttendeesArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** Something students can book tickets for. */
export type EventLotteryEntriesByEventIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<LotteryEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<LotteryEntryOrderBy>>;
};


/** Something students can book tickets for. */
export type EventQueueEntriesByEventIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<QueueEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<QueueEntryOrderBy>>;
};


/** Something students can book tickets for. */
export type EventTicketsByEventIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<TicketCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TicketOrderBy>>;
};

export type EventAvailability = {
  __typename?: 'EventAvailability';
  eventId: Scalars['Int']['output'];
  /** When booking closes; null: when the event starts. */
  salesEnd?: Maybe<Scalars['Datetime']['output']>;
  /** When booking opens; null: as soon as the event exists. */
  salesStart?: Maybe<Scalars['Datetime']['output']>;
  /** not_open, on_sale, sold_out, closed, started or cancelled (as Event.salesState); a message arrives when time or a cancellation changes it. */
  salesState: SalesState;
  soldOut: Scalars['Boolean']['output'];
  startsAt: Scalars['Datetime']['output'];
  ticketsRemaining: Scalars['Int']['output'];
  totalTickets: Scalars['Int']['output'];
  /** Rises with every change of this event's availability; a newer message always has a larger version. */
  version: Scalars['BigInt']['output'];
};

/** A condition to be used against `Event` object types. All fields are tested for equality and combined with a logical ‘and.’ */
export type EventCondition = {
  /** Checks for equality with the object’s `categoryId` field. */
  categoryId?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `clubId` field. */
  clubId?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `createdBy` field. */
  createdBy?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `startsAt` field. */
  startsAt?: InputMaybe<Scalars['Datetime']['input']>;
};

/** A connection to a list of `Event` values. */
export type EventConnection = {
  __typename?: 'EventConnection';
  /** A list of edges which contains the `Event` and cursor to aid in pagination. */
  edges: Array<Maybe<EventEdge>>;
  /** A list of `Event` objects. */
  nodes: Array<Maybe<Event>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `Event` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `Event` edge in the connection. */
export type EventEdge = {
  __typename?: 'EventEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `Event` at the end of the edge. */
  node?: Maybe<Event>;
};

/** Popularity per event (sold tickets only; cancelled events left out), refreshed by a background job (every minute, and when an event sells out or is cancelled). */
export type EventLeaderboard = {
  __typename?: 'EventLeaderboard';
  categoryId?: Maybe<Scalars['Int']['output']>;
  eventId?: Maybe<Scalars['Int']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  secondsToSellOut?: Maybe<Scalars['Int']['output']>;
  soldOutAt?: Maybe<Scalars['Datetime']['output']>;
  ticketsSold?: Maybe<Scalars['Int']['output']>;
  totalTickets?: Maybe<Scalars['Int']['output']>;
};

/**
 * A condition to be used against `EventLeaderboard` object types. All fields are
 * tested for equality and combined with a logical ‘and.’
 */
export type EventLeaderboardCondition = {
  /** Checks for equality with the object’s `eventId` field. */
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `EventLeaderboard` values. */
export type EventLeaderboardConnection = {
  __typename?: 'EventLeaderboardConnection';
  /** A list of edges which contains the `EventLeaderboard` and cursor to aid in pagination. */
  edges: Array<Maybe<EventLeaderboardEdge>>;
  /** A list of `EventLeaderboard` objects. */
  nodes: Array<Maybe<EventLeaderboard>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `EventLeaderboard` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `EventLeaderboard` edge in the connection. */
export type EventLeaderboardEdge = {
  __typename?: 'EventLeaderboardEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `EventLeaderboard` at the end of the edge. */
  node?: Maybe<EventLeaderboard>;
};

/** Methods to use when ordering `EventLeaderboard`. */
export type EventLeaderboardOrderBy =
  | 'EVENT_ID_ASC'
  | 'EVENT_ID_DESC'
  | 'NATURAL';

/** Methods to use when ordering `Event`. */
export type EventOrderBy =
  | 'CATEGORY_ID_ASC'
  | 'CATEGORY_ID_DESC'
  | 'CLUB_ID_ASC'
  | 'CLUB_ID_DESC'
  | 'CREATED_BY_ASC'
  | 'CREATED_BY_DESC'
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC'
  | 'STARTS_AT_ASC'
  | 'STARTS_AT_DESC';

/**
 * Where an event stands, for the people who run it: upcoming (not started;
 * salesState says on sale, sold out, not open or closed) · past (started) ·
 * cancelled (called off: cancelledAt, cancelReason).
 */
export type EventPhase =
  | 'cancelled'
  | 'past'
  | 'upcoming';

/** A connection to a list of `EventSalesOverTimeRecord` values. */
export type EventSalesOverTimeConnection = {
  __typename?: 'EventSalesOverTimeConnection';
  /** A list of edges which contains the `EventSalesOverTimeRecord` and cursor to aid in pagination. */
  edges: Array<Maybe<EventSalesOverTimeEdge>>;
  /** A list of `EventSalesOverTimeRecord` objects. */
  nodes: Array<Maybe<EventSalesOverTimeRecord>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `EventSalesOverTimeRecord` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `EventSalesOverTimeRecord` edge in the connection. */
export type EventSalesOverTimeEdge = {
  __typename?: 'EventSalesOverTimeEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `EventSalesOverTimeRecord` at the end of the edge. */
  node?: Maybe<EventSalesOverTimeRecord>;
};

export type EventSalesOverTimeRecord = {
  __typename?: 'EventSalesOverTimeRecord';
  bucketStart?: Maybe<Scalars['Datetime']['output']>;
  ticketsSold?: Maybe<Scalars['Int']['output']>;
};

export type EventStat = {
  __typename?: 'EventStat';
  cancellations?: Maybe<Scalars['Int']['output']>;
  checkInRatePercent?: Maybe<Scalars['BigFloat']['output']>;
  checkedIn?: Maybe<Scalars['Int']['output']>;
  eventId?: Maybe<Scalars['Int']['output']>;
  expiredHolds?: Maybe<Scalars['Int']['output']>;
  sellThroughPercent?: Maybe<Scalars['BigFloat']['output']>;
  ticketsHeld?: Maybe<Scalars['Int']['output']>;
  ticketsRemaining?: Maybe<Scalars['Int']['output']>;
  ticketsSold?: Maybe<Scalars['Int']['output']>;
  totalTickets?: Maybe<Scalars['Int']['output']>;
  waitlistSize?: Maybe<Scalars['Int']['output']>;
};

/** scheduled · cancelled: called off for good (cancelled_at, cancel_reason); its tickets were cancelled and refunded */
export type EventStatus =
  | 'cancelled'
  | 'scheduled';

/** All input for the `joinQueue` mutation. */
export type JoinQueueInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `joinQueue` mutation. */
export type JoinQueuePayload = {
  __typename?: 'JoinQueuePayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  /** An edge for our `QueueEntry`. May be used by Relay 1. */
  queueEntryEdge?: Maybe<QueueEntryEdge>;
  result?: Maybe<QueueEntry>;
};


/** The output of our `joinQueue` mutation. */
export type JoinQueuePayloadQueueEntryEdgeArgs = {
  orderBy?: Array<QueueEntryOrderBy>;
};

/** All input for the `joinWaitlist` mutation. */
export type JoinWaitlistInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `joinWaitlist` mutation. */
export type JoinWaitlistPayload = {
  __typename?: 'JoinWaitlistPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<WaitlistEntry>;
  /** An edge for our `WaitlistEntry`. May be used by Relay 1. */
  waitlistEntryEdge?: Maybe<WaitlistEntryEdge>;
};


/** The output of our `joinWaitlist` mutation. */
export type JoinWaitlistPayloadWaitlistEntryEdgeArgs = {
  orderBy?: Array<WaitlistEntryOrderBy>;
};

/** All input for the `leaveQueue` mutation. */
export type LeaveQueueInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `leaveQueue` mutation. */
export type LeaveQueuePayload = {
  __typename?: 'LeaveQueuePayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  /** An edge for our `QueueEntry`. May be used by Relay 1. */
  queueEntryEdge?: Maybe<QueueEntryEdge>;
  result?: Maybe<QueueEntry>;
};


/** The output of our `leaveQueue` mutation. */
export type LeaveQueuePayloadQueueEntryEdgeArgs = {
  orderBy?: Array<QueueEntryOrderBy>;
};

/** All input for the `leaveWaitlist` mutation. */
export type LeaveWaitlistInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  entryId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `leaveWaitlist` mutation. */
export type LeaveWaitlistPayload = {
  __typename?: 'LeaveWaitlistPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<WaitlistEntry>;
  /** An edge for our `WaitlistEntry`. May be used by Relay 1. */
  waitlistEntryEdge?: Maybe<WaitlistEntryEdge>;
};


/** The output of our `leaveWaitlist` mutation. */
export type LeaveWaitlistPayloadWaitlistEntryEdgeArgs = {
  orderBy?: Array<WaitlistEntryOrderBy>;
};

export type LoginInput = {
  email: Scalars['String']['input'];
  password: Scalars['String']['input'];
};

export type LoginPayload = {
  __typename?: 'LoginPayload';
  role: Scalars['String']['output'];
  /** Send as 'Authorization: Bearer <token>' (HTTP) or connectionParams.authorization (websockets). */
  token: Scalars['String']['output'];
  /** The signed-in user. */
  user: User;
  userId: Scalars['Int']['output'];
};

/** All input for the `logout` mutation. */
export type LogoutInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `logout` mutation. */
export type LogoutPayload = {
  __typename?: 'LogoutPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Boolean']['output']>;
};

/** A student's entry in an event's lottery. */
export type LotteryEntry = {
  __typename?: 'LotteryEntry';
  /** Your place in the draw's order (1 = first); null before the draw. */
  drawRank?: Maybe<Scalars['Int']['output']>;
  enteredAt: Scalars['Datetime']['output'];
  /** Reads a single `Event` that is related to this `LotteryEntry`. */
  eventByEventId?: Maybe<Event>;
  eventId: Scalars['Int']['output'];
  id: Scalars['Int']['output'];
  offerExpiresAt?: Maybe<Scalars['Datetime']['output']>;
  state: LotteryEntryState;
  /** Reads a single `Ticket` that is related to this `LotteryEntry`. */
  ticketByTicketId?: Maybe<Ticket>;
  ticketId?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['Datetime']['output'];
  /** Reads a single `User` that is related to this `LotteryEntry`. */
  userByUserId?: Maybe<User>;
  userId: Scalars['Int']['output'];
};

/**
 * A condition to be used against `LotteryEntry` object types. All fields are
 * tested for equality and combined with a logical ‘and.’
 */
export type LotteryEntryCondition = {
  /** Checks for equality with the object’s `eventId` field. */
  eventId?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `userId` field. */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `LotteryEntry` values. */
export type LotteryEntryConnection = {
  __typename?: 'LotteryEntryConnection';
  /** A list of edges which contains the `LotteryEntry` and cursor to aid in pagination. */
  edges: Array<Maybe<LotteryEntryEdge>>;
  /** A list of `LotteryEntry` objects. */
  nodes: Array<Maybe<LotteryEntry>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `LotteryEntry` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `LotteryEntry` edge in the connection. */
export type LotteryEntryEdge = {
  __typename?: 'LotteryEntryEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `LotteryEntry` at the end of the edge. */
  node?: Maybe<LotteryEntry>;
};

/** Methods to use when ordering `LotteryEntry`. */
export type LotteryEntryOrderBy =
  | 'EVENT_ID_ASC'
  | 'EVENT_ID_DESC'
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC'
  | 'USER_ID_ASC'
  | 'USER_ID_DESC';

/**
 * entered (before the draw) · won (claim before offer_expires_at) · lost (waiting
 * in draw order for a win passed on) · claimed · expired
 */
export type LotteryEntryState =
  | 'claimed'
  | 'entered'
  | 'expired'
  | 'lost'
  | 'won';

/** The root mutation type which contains root level fields which mutate data. */
export type Mutation = {
  __typename?: 'Mutation';
  acceptWaitlistOffer?: Maybe<AcceptWaitlistOfferPayload>;
  /** Add someone to a club by email (its owners, admins): a verified account becomes a member at once (active); an address without one, or whose account has not proven it holds the address, is invited by email and becomes a member once its account is verified (invited). */
  addClubMember?: Maybe<AddClubMemberPayload>;
  /** Book one ticket for the signed-in student. Errors (extensions.code): UNAUTHENTICATED, FORBIDDEN, INVALID_INPUT, NOT_FOUND, EVENT_CANCELLED, EVENT_STARTED, SALES_CLOSED, SALES_NOT_OPEN, SOLD_OUT, EMAIL_NOT_VERIFIED, LIMIT_REACHED, PAYMENTS_UNAVAILABLE, BUSY, TOO_MANY_BOOKINGS, BOOKING_OUTCOME_UNKNOWN. BUSY, TOO_MANY_BOOKINGS (more bookings in flight than allowed) and BOOKING_OUTCOME_UNKNOWN: retry after extensions.retryAfter. */
  bookTicket?: Maybe<BookTicketPayload>;
  /** Withdraw an invitation (its owners, admins). */
  cancelClubInvitation?: Maybe<CancelClubInvitationPayload>;
  /** Call an event off, for good (admins; a club's event: its owners and managers), saying why: every live ticket is cancelled and every payment refunded, the waitlist is closed, holders and waiting students are emailed once, and bookings are refused from then on (EVENT_CANCELLED). The event leaves the upcoming lists; its page shows the reason. */
  cancelEvent?: Maybe<CancelEventPayload>;
  /** Cancel a ticket (its owner before the event starts, or an admin); the seat goes to the waitlist or back on sale. */
  cancelTicket?: Maybe<CancelTicketPayload>;
  /** Change your password with the current one; every other session ends. Errors: INVALID_CREDENTIALS, INVALID_INPUT. */
  changePassword?: Maybe<ChangePasswordPayload>;
  /** Admit the holder of a confirmed ticket for this event (admins; the staff of the club running it, door volunteers included). A code works once; a ticket for another event is refused (WRONG_EVENT). */
  checkIn?: Maybe<CheckInPayload>;
  /** Take the seat the lottery gave you, before offer_expires_at (free: confirmed; paid: a hold to pay). */
  claimLotteryWin?: Maybe<ClaimLotteryWinPayload>;
  /** Close your account without a password, with the token of the link requestAccountClosure mailed you, signed in to that account. Errors: INVALID_TOKEN, PASSWORD_REQUIRED, LAST_OWNER. */
  closeAccountWithLink?: Maybe<DeleteAccountPayload>;
  /** Creates a single `Category`. */
  createCategory?: Maybe<CreateCategoryPayload>;
  /** Create a club (admins); names are unique whatever their case. */
  createClub?: Maybe<CreateClubPayload>;
  /** Create an event (admins; for a club: its owners and managers). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts, first come first served. */
  createEvent?: Maybe<CreateEventPayload>;
  /** Close your account (tickets to future events cancelled, name and email erased, every session ended). Errors: INVALID_CREDENTIALS, NO_PASSWORD (an account without a password: requestAccountClosure), LAST_OWNER. */
  deleteAccount?: Maybe<DeleteAccountPayload>;
  /** Deletes a single `Category` using a unique key. */
  deleteCategoryById?: Maybe<DeleteCategoryPayload>;
  /** Deletes a single `Category` using a unique key. */
  deleteCategoryByName?: Maybe<DeleteCategoryPayload>;
  /** Sign out everywhere, this session included; answers how many ended. */
  endAllSessions?: Maybe<EndAllSessionsPayload>;
  /** Sign out one of your sessions (another device, say). */
  endSession?: Maybe<EndSessionPayload>;
  /** Enter an event's lottery (verified students, before lottery_closes_at). Entering again answers the same entry. */
  enterLottery?: Maybe<EnterLotteryPayload>;
  /** Join an event's waiting room (verified students). Joining again answers the same entry: a refresh never loses a place. */
  joinQueue?: Maybe<JoinQueuePayload>;
  /** Join a sold-out event's waitlist; seats that come back are offered in order. */
  joinWaitlist?: Maybe<JoinWaitlistPayload>;
  leaveQueue?: Maybe<LeaveQueuePayload>;
  leaveWaitlist?: Maybe<LeaveWaitlistPayload>;
  /** Exchange an email and password for a signed token and the user. */
  login?: Maybe<LoginPayload>;
  /** Sign out: the token used stops working on every instance. */
  logout?: Maybe<LogoutPayload>;
  /** Start paying for a held (pending) ticket; the amount is the ticket's. Errors: NOT_FOUND, NOT_PAYABLE, TOO_MANY_PAYMENT_ATTEMPTS, PAYMENTS_UNAVAILABLE. */
  payForTicket?: Maybe<PaymentIntent>;
  /** Remove a member (its owners, admins); their next request has no rights in the club. The last owner cannot be removed (LAST_OWNER). */
  removeClubMember?: Maybe<RemoveClubMemberPayload>;
  /** Mail a link that closes your account, to its verified address: for accounts without a password (college sign-in only); with one, close it with your password (PASSWORD_REQUIRED). Throttled per account. */
  requestAccountClosure?: Maybe<RequestAccountClosurePayload>;
  /** Mail a link to choose a new password, if an account uses this email (the answer never says). Throttled per email and address. */
  requestPasswordReset?: Maybe<RequestPasswordResetPayload>;
  /** Mail a new verification link (false: the address is verified already). */
  resendVerificationEmail?: Maybe<ResendVerificationEmailPayload>;
  /** Choose a new password with the token from the emailed link; every session of the account ends. */
  resetPassword?: Maybe<ResetPasswordPayload>;
  /** Create a student account. */
  signup?: Maybe<SignupPayload>;
  /** Updates a single `Category` using a unique key and a patch. */
  updateCategoryById?: Maybe<UpdateCategoryPayload>;
  /** Updates a single `Category` using a unique key and a patch. */
  updateCategoryByName?: Maybe<UpdateCategoryPayload>;
  /** Change a club's name or description (its owners, admins). Fields left null stay as they are. */
  updateClub?: Maybe<UpdateClubPayload>;
  /** Change a member's role (its owners, admins); the last owner stays an owner (LAST_OWNER). */
  updateClubMember?: Maybe<UpdateClubMemberPayload>;
  /** Change an event (admins; a club's event: its owners and managers; moving it to another club needs rights in both); a cancelled event cannot be changed (EVENT_CANCELLED). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end, club_id, queue_opens_at, lottery_closes_at). */
  updateEvent?: Maybe<UpdateEventPayload>;
  /** Confirm an email address with the token from the link mailed to it. */
  verifyEmail?: Maybe<VerifyEmailPayload>;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationAcceptWaitlistOfferArgs = {
  input: AcceptWaitlistOfferInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationAddClubMemberArgs = {
  input: AddClubMemberInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationBookTicketArgs = {
  input: BookTicketInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCancelClubInvitationArgs = {
  input: CancelClubInvitationInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCancelEventArgs = {
  input: CancelEventInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCancelTicketArgs = {
  input: CancelTicketInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationChangePasswordArgs = {
  input: ChangePasswordInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCheckInArgs = {
  input: CheckInInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationClaimLotteryWinArgs = {
  input: ClaimLotteryWinInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCloseAccountWithLinkArgs = {
  input: CloseAccountWithLinkInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCreateCategoryArgs = {
  input: CreateCategoryInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCreateClubArgs = {
  input: CreateClubInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationCreateEventArgs = {
  input: CreateEventInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationDeleteAccountArgs = {
  input: DeleteAccountInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationDeleteCategoryByIdArgs = {
  input: DeleteCategoryByIdInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationDeleteCategoryByNameArgs = {
  input: DeleteCategoryByNameInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationEndAllSessionsArgs = {
  input: EndAllSessionsInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationEndSessionArgs = {
  input: EndSessionInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationEnterLotteryArgs = {
  input: EnterLotteryInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationJoinQueueArgs = {
  input: JoinQueueInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationJoinWaitlistArgs = {
  input: JoinWaitlistInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationLeaveQueueArgs = {
  input: LeaveQueueInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationLeaveWaitlistArgs = {
  input: LeaveWaitlistInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationLoginArgs = {
  input: LoginInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationLogoutArgs = {
  input: LogoutInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationPayForTicketArgs = {
  ticketId: Scalars['Int']['input'];
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationRemoveClubMemberArgs = {
  input: RemoveClubMemberInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationRequestAccountClosureArgs = {
  input: RequestAccountClosureInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationRequestPasswordResetArgs = {
  input: RequestPasswordResetInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationResendVerificationEmailArgs = {
  input: ResendVerificationEmailInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationResetPasswordArgs = {
  input: ResetPasswordInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationSignupArgs = {
  input: SignupInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationUpdateCategoryByIdArgs = {
  input: UpdateCategoryByIdInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationUpdateCategoryByNameArgs = {
  input: UpdateCategoryByNameInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationUpdateClubArgs = {
  input: UpdateClubInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationUpdateClubMemberArgs = {
  input: UpdateClubMemberInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationUpdateEventArgs = {
  input: UpdateEventInput;
};


/** The root mutation type which contains root level fields which mutate data. */
export type MutationVerifyEmailArgs = {
  input: VerifyEmailInput;
};

/** Information about pagination in a connection. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** When paginating forwards, the cursor to continue. */
  endCursor?: Maybe<Scalars['Cursor']['output']>;
  /** When paginating forwards, are there more items? */
  hasNextPage: Scalars['Boolean']['output'];
  /** When paginating backwards, are there more items? */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** When paginating backwards, the cursor to continue. */
  startCursor?: Maybe<Scalars['Cursor']['output']>;
};

export type PaymentIntent = {
  __typename?: 'PaymentIntent';
  amountCents: Scalars['Int']['output'];
  /** Hand this to the payment provider's checkout. */
  clientSecret: Scalars['String']['output'];
  intentId: Scalars['String']['output'];
};

/** The root query type which gives access points into the data universe. */
export type Query = {
  __typename?: 'Query';
  /** Reads and enables pagination through a set of `Category`. */
  allCategories?: Maybe<CategoryConnection>;
  /** Reads and enables pagination through a set of `EventLeaderboard`. */
  allEventLeaderboards?: Maybe<EventLeaderboardConnection>;
  /** Reads and enables pagination through a set of `Event`. */
  allEvents?: Maybe<EventConnection>;
  /** Reads and enables pagination through a set of `LotteryEntry`. */
  allLotteryEntries?: Maybe<LotteryEntryConnection>;
  /** Reads and enables pagination through a set of `QueueEntry`. */
  allQueueEntries?: Maybe<QueueEntryConnection>;
  /** Reads and enables pagination through a set of `Ticket`. */
  allTickets?: Maybe<TicketConnection>;
  /** Reads and enables pagination through a set of `User`. */
  allUsers?: Maybe<UserConnection>;
  /** Reads and enables pagination through a set of `WaitlistEntry`. */
  allWaitlistEntries?: Maybe<WaitlistEntryConnection>;
  /** Get a single `Category`. */
  categoryById?: Maybe<Category>;
  /** Get a single `Category`. */
  categoryByName?: Maybe<Category>;
  /** Events, seats and sales per category (admins). */
  categoryTotals?: Maybe<CategoryTotalsConnection>;
  /** Get a single `Club`. */
  club?: Maybe<Club>;
  /** Get a single `Club`. */
  clubByName?: Maybe<Club>;
  /** Reads and enables pagination through a set of `Club`. */
  clubs?: Maybe<ClubConnection>;
  /** Where a browser starts signing in with the college's account (single sign-on: a page load, relative to this API), or null when this server has none. */
  collegeSignInUrl?: Maybe<Scalars['String']['output']>;
  /** Sales, holds, cancellations, waitlist and check-ins of one event (admins; the owners and managers of its club). */
  eventAnalytics?: Maybe<EventStat>;
  /** Get a single `Event`. */
  eventById?: Maybe<Event>;
  /** Tickets sold (confirmed, and not cancelled since) per minute/hour/day/week of their sale (admins; the owners and managers of its club). */
  eventSalesOverTime?: Maybe<EventSalesOverTimeConnection>;
  /** Everything stored about you, as one JSON document: account, tickets, waitlist entries, payments, refunds, sessions, queue and lottery entries, club roles. */
  exportMyData?: Maybe<Scalars['JSON']['output']>;
  /** Events whose every seat was sold, fastest first; cancelled events are not listed. */
  fastestSellouts?: Maybe<EventLeaderboardConnection>;
  /** Get a single `LotteryEntry`. */
  lotteryEntryByEventIdAndUserId?: Maybe<LotteryEntry>;
  /** Get a single `LotteryEntry`. */
  lotteryEntryById?: Maybe<LotteryEntry>;
  /** The events you run, cancelled and past ones too (admins: every event; a club's owners and managers: its events; its door staff: its events that are not cancelled), optionally one club, one phase: upcoming soonest first, then past and cancelled most recent first. A club you have no role in: FORBIDDEN. */
  managedEvents?: Maybe<EventConnection>;
  /** The signed-in user, or null. */
  me?: Maybe<User>;
  /** The clubs you have a role in (Club.myRole says which), by name. */
  myClubs?: Maybe<ClubConnection>;
  /** Your entry in this event's lottery, if you entered. */
  myLotteryEntry?: Maybe<LotteryEntry>;
  /** Your entry in this event's queue, if you joined. */
  myQueueEntry?: Maybe<QueueEntry>;
  /** Your sessions that still work, newest first. */
  mySessions?: Maybe<UserSessionConnection>;
  /** The signed-in student's tickets, newest first. */
  myTickets?: Maybe<TicketConnection>;
  /** Most tickets sold (refreshed every minute and on each sell-out); cancelled events are not listed. */
  popularEvents?: Maybe<EventLeaderboardConnection>;
  /**
   * Exposes the root query type nested one level down. This is helpful for Relay 1
   * which can only query top level fields if they are in a particular form.
   */
  query: Query;
  /** Get a single `QueueEntry`. */
  queueEntryByEventIdAndUserId?: Maybe<QueueEntry>;
  /** Get a single `QueueEntry`. */
  queueEntryById?: Maybe<QueueEntry>;
  /** Get a single `Ticket`. */
  ticketByCheckInCode?: Maybe<Ticket>;
  /** Get a single `Ticket`. */
  ticketById?: Maybe<Ticket>;
  /** Events that have not started yet and are not cancelled, soonest first; optionally one category, one club. */
  upcomingEvents?: Maybe<EventConnection>;
  /** Get a single `User`. */
  userByEmail?: Maybe<User>;
  /** Get a single `User`. */
  userById?: Maybe<User>;
  /** Get a single `WaitlistEntry`. */
  waitlistEntryById?: Maybe<WaitlistEntry>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllCategoriesArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<CategoryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<CategoryOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllEventLeaderboardsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<EventLeaderboardCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<EventLeaderboardOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<EventCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<EventOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllLotteryEntriesArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<LotteryEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<LotteryEntryOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllQueueEntriesArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<QueueEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<QueueEntryOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllTicketsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<TicketCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TicketOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllUsersArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<UserCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<UserOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryAllWaitlistEntriesArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<WaitlistEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<WaitlistEntryOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryCategoryByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryCategoryByNameArgs = {
  name: Scalars['String']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryCategoryTotalsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryClubArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryClubByNameArgs = {
  name: Scalars['String']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryClubsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<ClubCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<ClubOrderBy>>;
};


/** The root query type which gives access points into the data universe. */
export type QueryEventAnalyticsArgs = {
  eventId?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryEventByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryEventSalesOverTimeArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  bucket?: InputMaybe<Scalars['String']['input']>;
  eventId?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryFastestSelloutsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  n?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryLotteryEntryByEventIdAndUserIdArgs = {
  eventId: Scalars['Int']['input'];
  userId: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryLotteryEntryByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryManagedEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  phase?: InputMaybe<EventPhase>;
};


/** The root query type which gives access points into the data universe. */
export type QueryMyClubsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryMyLotteryEntryArgs = {
  eventId?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryMyQueueEntryArgs = {
  eventId?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryMySessionsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryMyTicketsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryPopularEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  n?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryQueueEntryByEventIdAndUserIdArgs = {
  eventId: Scalars['Int']['input'];
  userId: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryQueueEntryByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryTicketByCheckInCodeArgs = {
  checkInCode: Scalars['String']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryTicketByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryUpcomingEventsArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  categoryId?: InputMaybe<Scalars['Int']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
};


/** The root query type which gives access points into the data universe. */
export type QueryUserByEmailArgs = {
  email: Scalars['String']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryUserByIdArgs = {
  id: Scalars['Int']['input'];
};


/** The root query type which gives access points into the data universe. */
export type QueryWaitlistEntryByIdArgs = {
  id: Scalars['Int']['input'];
};

/** A student's place in an event's waiting room. */
export type QueueEntry = {
  __typename?: 'QueueEntry';
  admittedAt?: Maybe<Scalars['Datetime']['output']>;
  /** Admitted: book before this moment, or the seat passes to the next in line. */
  admittedUntil?: Maybe<Scalars['Datetime']['output']>;
  /** Reads a single `Event` that is related to this `QueueEntry`. */
  eventByEventId?: Maybe<Event>;
  eventId: Scalars['Int']['output'];
  id: Scalars['Int']['output'];
  joinedAt: Scalars['Datetime']['output'];
  /** Your place in line (1 = next to be admitted) once the queue is shuffled at sales_start; null before, and once no longer waiting. */
  position?: Maybe<Scalars['Int']['output']>;
  state: QueueEntryState;
  /** Reads a single `Ticket` that is related to this `QueueEntry`. */
  ticketByTicketId?: Maybe<Ticket>;
  ticketId?: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['Datetime']['output'];
  /** Reads a single `User` that is related to this `QueueEntry`. */
  userByUserId?: Maybe<User>;
  userId: Scalars['Int']['output'];
};

/**
 * A condition to be used against `QueueEntry` object types. All fields are tested
 * for equality and combined with a logical ‘and.’
 */
export type QueueEntryCondition = {
  /** Checks for equality with the object’s `eventId` field. */
  eventId?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `userId` field. */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `QueueEntry` values. */
export type QueueEntryConnection = {
  __typename?: 'QueueEntryConnection';
  /** A list of edges which contains the `QueueEntry` and cursor to aid in pagination. */
  edges: Array<Maybe<QueueEntryEdge>>;
  /** A list of `QueueEntry` objects. */
  nodes: Array<Maybe<QueueEntry>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `QueueEntry` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `QueueEntry` edge in the connection. */
export type QueueEntryEdge = {
  __typename?: 'QueueEntryEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `QueueEntry` at the end of the edge. */
  node?: Maybe<QueueEntry>;
};

/** Methods to use when ordering `QueueEntry`. */
export type QueueEntryOrderBy =
  | 'EVENT_ID_ASC'
  | 'EVENT_ID_DESC'
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC'
  | 'USER_ID_ASC'
  | 'USER_ID_DESC';

/**
 * waiting (in line) · admitted (may book until admitted_until) · booked · lapsed
 * (admission unused) · closed (sold out or sales over) · left
 */
export type QueueEntryState =
  | 'admitted'
  | 'booked'
  | 'closed'
  | 'lapsed'
  | 'left'
  | 'waiting';

export type QueueEntryUpdate = {
  __typename?: 'QueueEntryUpdate';
  /** Admitted: book before this moment. */
  admittedUntil?: Maybe<Scalars['Datetime']['output']>;
  eventId: Scalars['Int']['output'];
  /** Your place in line (1 = next); null before the shuffle at sales_start and once no longer waiting. */
  position?: Maybe<Scalars['Int']['output']>;
  state: QueueEntryState;
};

export type QueueStat = {
  __typename?: 'QueueStat';
  admitted?: Maybe<Scalars['Int']['output']>;
  booked?: Maybe<Scalars['Int']['output']>;
  closed?: Maybe<Scalars['Int']['output']>;
  joined?: Maybe<Scalars['Int']['output']>;
  lapsed?: Maybe<Scalars['Int']['output']>;
  waiting?: Maybe<Scalars['Int']['output']>;
};

export type ReleaseDraw = {
  __typename?: 'ReleaseDraw';
  algorithm?: Maybe<Scalars['String']['output']>;
  drawnAt?: Maybe<Scalars['Datetime']['output']>;
  entries?: Maybe<Array<Maybe<Scalars['Int']['output']>>>;
  order?: Maybe<Array<Maybe<Scalars['Int']['output']>>>;
  orderHash?: Maybe<Scalars['String']['output']>;
  seed?: Maybe<Scalars['String']['output']>;
  winners?: Maybe<Array<Maybe<Scalars['Int']['output']>>>;
};

/**
 * first_come: the first bookings win · queue: a waiting room shuffled at
 * sales_start, admitted in turn · lottery: a draw at lottery_closes_at.
 */
export type ReleaseMode =
  | 'first_come'
  | 'lottery'
  | 'queue';

/** All input for the `removeClubMember` mutation. */
export type RemoveClubMemberInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `removeClubMember` mutation. */
export type RemoveClubMemberPayload = {
  __typename?: 'RemoveClubMemberPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  member?: Maybe<ClubMember>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};

/** All input for the `requestAccountClosure` mutation. */
export type RequestAccountClosureInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `requestAccountClosure` mutation. */
export type RequestAccountClosurePayload = {
  __typename?: 'RequestAccountClosurePayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Boolean']['output']>;
};

export type RequestPasswordResetInput = {
  email: Scalars['String']['input'];
};

export type RequestPasswordResetPayload = {
  __typename?: 'RequestPasswordResetPayload';
  /** Always true: the answer is the same whether or not an account uses the email. */
  accepted: Scalars['Boolean']['output'];
  message: Scalars['String']['output'];
};

/** All input for the `resendVerificationEmail` mutation. */
export type ResendVerificationEmailInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `resendVerificationEmail` mutation. */
export type ResendVerificationEmailPayload = {
  __typename?: 'ResendVerificationEmailPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Boolean']['output']>;
};

/** All input for the `resetPassword` mutation. */
export type ResetPasswordInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  newPassword: Scalars['String']['input'];
  token: Scalars['String']['input'];
};

/** The output of our `resetPassword` mutation. */
export type ResetPasswordPayload = {
  __typename?: 'ResetPasswordPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<Scalars['Boolean']['output']>;
};

/**
 * not_open (before sales_start) · on_sale · sold_out (no seat free; a returned
 * seat can reopen sales) · closed (after sales_end) · started (booking closed for
 * good) · cancelled (the event was called off, for good).
 */
export type SalesState =
  | 'cancelled'
  | 'closed'
  | 'not_open'
  | 'on_sale'
  | 'sold_out'
  | 'started';

/** All input for the `signup` mutation. */
export type SignupInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  email?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  password?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `signup` mutation. */
export type SignupPayload = {
  __typename?: 'SignupPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<User>;
  role: Scalars['String']['output'];
  /** Send as 'Authorization: Bearer <token>' (HTTP) or connectionParams.authorization (websockets). */
  token: Scalars['String']['output'];
  /** The new account (the same as result). */
  user: User;
  /** An edge for our `User`. May be used by Relay 1. */
  userEdge?: Maybe<UserEdge>;
  userId: Scalars['Int']['output'];
};


/** The output of our `signup` mutation. */
export type SignupPayloadUserEdgeArgs = {
  orderBy?: Array<UserOrderBy>;
};

/** The root subscription type: contains realtime events you can subscribe to with the `subscription` operation. */
export type Subscription = {
  __typename?: 'Subscription';
  /** One event's availability: the current value first, then every committed change. */
  eventAvailability?: Maybe<EventAvailability>;
  /** For list pages (every event, or one category): first the current values of every upcoming event, in one message; then each change, as a list of one. */
  eventsAvailability?: Maybe<Array<EventAvailability>>;
  /** Your entry in this event's queue (students): as it is now, then at every change; null if you have not joined. */
  queueEntry?: Maybe<QueueEntryUpdate>;
};


/** The root subscription type: contains realtime events you can subscribe to with the `subscription` operation. */
export type SubscriptionEventAvailabilityArgs = {
  eventId: Scalars['Int']['input'];
};


/** The root subscription type: contains realtime events you can subscribe to with the `subscription` operation. */
export type SubscriptionEventsAvailabilityArgs = {
  categoryId?: InputMaybe<Scalars['Int']['input']>;
};


/** The root subscription type: contains realtime events you can subscribe to with the `subscription` operation. */
export type SubscriptionQueueEntryArgs = {
  eventId: Scalars['Int']['input'];
};

/** A seat at an event, held by one student. */
export type Ticket = {
  __typename?: 'Ticket';
  bookedAt: Scalars['Datetime']['output'];
  cancelledAt?: Maybe<Scalars['Datetime']['output']>;
  /** Unguessable code to show at the door (put it in a QR code). */
  checkInCode?: Maybe<Scalars['String']['output']>;
  checkedInAt?: Maybe<Scalars['Datetime']['output']>;
  /** When the ticket was confirmed (sold); stays set if it is cancelled later. */
  confirmedAt?: Maybe<Scalars['Datetime']['output']>;
  /** Reads a single `Event` that is related to this `Ticket`. */
  eventByEventId?: Maybe<Event>;
  eventId: Scalars['Int']['output'];
  holdExpiresAt?: Maybe<Scalars['Datetime']['output']>;
  /** The holder's name, to compare with the person at the door: for the holder, admins, the organisers of the event, and its door staff once the ticket is checked in (the checkIn answer). */
  holderName?: Maybe<Scalars['String']['output']>;
  id: Scalars['Int']['output'];
  paidAt?: Maybe<Scalars['Datetime']['output']>;
  priceCents: Scalars['Int']['output'];
  /** pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired */
  status: TicketStatus;
  /** Reads a single `User` that is related to this `Ticket`. */
  userByUserId?: Maybe<User>;
  userId: Scalars['Int']['output'];
};

/** A condition to be used against `Ticket` object types. All fields are tested for equality and combined with a logical ‘and.’ */
export type TicketCondition = {
  /** Checks for equality with the object’s `checkInCode` field. */
  checkInCode?: InputMaybe<Scalars['String']['input']>;
  /** Checks for equality with the object’s `eventId` field. */
  eventId?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `userId` field. */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `Ticket` values. */
export type TicketConnection = {
  __typename?: 'TicketConnection';
  /** A list of edges which contains the `Ticket` and cursor to aid in pagination. */
  edges: Array<Maybe<TicketEdge>>;
  /** A list of `Ticket` objects. */
  nodes: Array<Maybe<Ticket>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `Ticket` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `Ticket` edge in the connection. */
export type TicketEdge = {
  __typename?: 'TicketEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `Ticket` at the end of the edge. */
  node?: Maybe<Ticket>;
};

/** Methods to use when ordering `Ticket`. */
export type TicketOrderBy =
  | 'CHECK_IN_CODE_ASC'
  | 'CHECK_IN_CODE_DESC'
  | 'EVENT_ID_ASC'
  | 'EVENT_ID_DESC'
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC'
  | 'USER_ID_ASC'
  | 'USER_ID_DESC';

/** pending: seat held until paid · offered: seat reserved for a waitlisted student · confirmed · cancelled · expired */
export type TicketStatus =
  | 'cancelled'
  | 'confirmed'
  | 'expired'
  | 'offered'
  | 'pending';

/** All input for the `updateCategoryById` mutation. */
export type UpdateCategoryByIdInput = {
  /** An object where the defined keys will be set on the `Category` being updated. */
  categoryPatch: CategoryPatch;
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['Int']['input'];
};

/** All input for the `updateCategoryByName` mutation. */
export type UpdateCategoryByNameInput = {
  /** An object where the defined keys will be set on the `Category` being updated. */
  categoryPatch: CategoryPatch;
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

/** The output of our update `Category` mutation. */
export type UpdateCategoryPayload = {
  __typename?: 'UpdateCategoryPayload';
  /** The `Category` that was updated by this mutation. */
  category?: Maybe<Category>;
  /** An edge for our `Category`. May be used by Relay 1. */
  categoryEdge?: Maybe<CategoryEdge>;
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our update `Category` mutation. */
export type UpdateCategoryPayloadCategoryEdgeArgs = {
  orderBy?: Array<CategoryOrderBy>;
};

/** All input for the `updateClub` mutation. */
export type UpdateClubInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** All input for the `updateClubMember` mutation. */
export type UpdateClubMemberInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<ClubRole>;
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** The output of our `updateClubMember` mutation. */
export type UpdateClubMemberPayload = {
  __typename?: 'UpdateClubMemberPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  member?: Maybe<ClubMember>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};

/** The output of our `updateClub` mutation. */
export type UpdateClubPayload = {
  __typename?: 'UpdateClubPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  club?: Maybe<Club>;
  /** An edge for our `Club`. May be used by Relay 1. */
  clubEdge?: Maybe<ClubEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our `updateClub` mutation. */
export type UpdateClubPayloadClubEdgeArgs = {
  orderBy?: Array<ClubOrderBy>;
};

/** All input for the `updateEvent` mutation. */
export type UpdateEventInput = {
  admissionMinutes?: InputMaybe<Scalars['Int']['input']>;
  categoryId?: InputMaybe<Scalars['Int']['input']>;
  clear?: InputMaybe<Array<InputMaybe<Scalars['String']['input']>>>;
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  clubId?: InputMaybe<Scalars['Int']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  holdMinutes?: InputMaybe<Scalars['Int']['input']>;
  id?: InputMaybe<Scalars['Int']['input']>;
  lotteryClosesAt?: InputMaybe<Scalars['Datetime']['input']>;
  maxTicketsPerStudent?: InputMaybe<Scalars['Int']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  offerMinutes?: InputMaybe<Scalars['Int']['input']>;
  priceCents?: InputMaybe<Scalars['Int']['input']>;
  queueOpensAt?: InputMaybe<Scalars['Datetime']['input']>;
  releaseMode?: InputMaybe<ReleaseMode>;
  salesEnd?: InputMaybe<Scalars['Datetime']['input']>;
  salesStart?: InputMaybe<Scalars['Datetime']['input']>;
  startsAt?: InputMaybe<Scalars['Datetime']['input']>;
  totalTickets?: InputMaybe<Scalars['Int']['input']>;
  venue?: InputMaybe<Scalars['String']['input']>;
};

/** The output of our `updateEvent` mutation. */
export type UpdateEventPayload = {
  __typename?: 'UpdateEventPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  event?: Maybe<Event>;
  /** An edge for our `Event`. May be used by Relay 1. */
  eventEdge?: Maybe<EventEdge>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
};


/** The output of our `updateEvent` mutation. */
export type UpdateEventPayloadEventEdgeArgs = {
  orderBy?: Array<EventOrderBy>;
};

/** A person with an account: a student or an admin. */
export type User = {
  __typename?: 'User';
  createdAt: Scalars['Datetime']['output'];
  email: Scalars['String']['output'];
  /** True while this student must still verify their address before booking, joining waitlists, queues and lotteries, or being added to a club's staff (the college requires verified addresses); false once verified, or where nothing requires it. */
  emailVerificationNeeded?: Maybe<Scalars['Boolean']['output']>;
  /** The owner proved they hold this address. */
  emailVerified?: Maybe<Scalars['Boolean']['output']>;
  /** Reads and enables pagination through a set of `Event`. */
  eventsByCreatedBy: EventConnection;
  /** Whether you can sign in with a password (false: only with the college's account; closing it then takes a link mailed to you). Null for anyone but yourself. */
  hasPassword?: Maybe<Scalars['Boolean']['output']>;
  id: Scalars['Int']['output'];
  /** Reads and enables pagination through a set of `LotteryEntry`. */
  lotteryEntriesByUserId: LotteryEntryConnection;
  name: Scalars['String']['output'];
  /** Reads and enables pagination through a set of `QueueEntry`. */
  queueEntriesByUserId: QueueEntryConnection;
  role: Scalars['String']['output'];
  /** Reads and enables pagination through a set of `Ticket`. */
  ticketsByUserId: TicketConnection;
  /** Reads and enables pagination through a set of `WaitlistEntry`. */
  waitlistEntriesByUserId: WaitlistEntryConnection;
};


/** A person with an account: a student or an admin. */
export type UserEventsByCreatedByArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<EventCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<EventOrderBy>>;
};


/** A person with an account: a student or an admin. */
export type UserLotteryEntriesByUserIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<LotteryEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<LotteryEntryOrderBy>>;
};


/** A person with an account: a student or an admin. */
export type UserQueueEntriesByUserIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<QueueEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<QueueEntryOrderBy>>;
};


/** A person with an account: a student or an admin. */
export type UserTicketsByUserIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<TicketCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<TicketOrderBy>>;
};


/** A person with an account: a student or an admin. */
export type UserWaitlistEntriesByUserIdArgs = {
  after?: InputMaybe<Scalars['Cursor']['input']>;
  before?: InputMaybe<Scalars['Cursor']['input']>;
  condition?: InputMaybe<WaitlistEntryCondition>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  offset?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Array<WaitlistEntryOrderBy>>;
};

/** A condition to be used against `User` object types. All fields are tested for equality and combined with a logical ‘and.’ */
export type UserCondition = {
  /** Checks for equality with the object’s `email` field. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `User` values. */
export type UserConnection = {
  __typename?: 'UserConnection';
  /** A list of edges which contains the `User` and cursor to aid in pagination. */
  edges: Array<Maybe<UserEdge>>;
  /** A list of `User` objects. */
  nodes: Array<Maybe<User>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `User` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `User` edge in the connection. */
export type UserEdge = {
  __typename?: 'UserEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `User` at the end of the edge. */
  node?: Maybe<User>;
};

/** Methods to use when ordering `User`. */
export type UserOrderBy =
  | 'EMAIL_ASC'
  | 'EMAIL_DESC'
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC';

export type UserSession = {
  __typename?: 'UserSession';
  createdAt?: Maybe<Scalars['Datetime']['output']>;
  current?: Maybe<Scalars['Boolean']['output']>;
  id?: Maybe<Scalars['Int']['output']>;
  userAgent?: Maybe<Scalars['String']['output']>;
};

/** A connection to a list of `UserSession` values. */
export type UserSessionConnection = {
  __typename?: 'UserSessionConnection';
  /** A list of edges which contains the `UserSession` and cursor to aid in pagination. */
  edges: Array<Maybe<UserSessionEdge>>;
  /** A list of `UserSession` objects. */
  nodes: Array<Maybe<UserSession>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `UserSession` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `UserSession` edge in the connection. */
export type UserSessionEdge = {
  __typename?: 'UserSessionEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `UserSession` at the end of the edge. */
  node?: Maybe<UserSession>;
};

/** All input for the `verifyEmail` mutation. */
export type VerifyEmailInput = {
  /**
   * An arbitrary string value with no semantic meaning. Will be included in the
   * payload verbatim. May be used to track mutations by the client.
   */
  clientMutationId?: InputMaybe<Scalars['String']['input']>;
  token: Scalars['String']['input'];
};

/** The output of our `verifyEmail` mutation. */
export type VerifyEmailPayload = {
  __typename?: 'VerifyEmailPayload';
  /**
   * The exact same `clientMutationId` that was provided in the mutation input,
   * unchanged and unused. May be used by a client to track mutations.
   */
  clientMutationId?: Maybe<Scalars['String']['output']>;
  /** Our root query field type. Allows us to run any query from our mutation payload. */
  query?: Maybe<Query>;
  result?: Maybe<User>;
  /** An edge for our `User`. May be used by Relay 1. */
  userEdge?: Maybe<UserEdge>;
};


/** The output of our `verifyEmail` mutation. */
export type VerifyEmailPayloadUserEdgeArgs = {
  orderBy?: Array<UserOrderBy>;
};

/** A student waiting for a seat at a sold-out event. */
export type WaitlistEntry = {
  __typename?: 'WaitlistEntry';
  createdAt: Scalars['Datetime']['output'];
  /** Reads a single `Event` that is related to this `WaitlistEntry`. */
  eventByEventId?: Maybe<Event>;
  eventId: Scalars['Int']['output'];
  id: Scalars['Int']['output'];
  offeredAt?: Maybe<Scalars['Datetime']['output']>;
  /** 1 for the next student to be offered a seat; null once no longer waiting. */
  position?: Maybe<Scalars['Int']['output']>;
  status: WaitlistEntryStatus;
  /** Reads a single `Ticket` that is related to this `WaitlistEntry`. */
  ticketByTicketId?: Maybe<Ticket>;
  ticketId?: Maybe<Scalars['Int']['output']>;
  /** Reads a single `User` that is related to this `WaitlistEntry`. */
  userByUserId?: Maybe<User>;
  userId: Scalars['Int']['output'];
};

/**
 * A condition to be used against `WaitlistEntry` object types. All fields are
 * tested for equality and combined with a logical ‘and.’
 */
export type WaitlistEntryCondition = {
  /** Checks for equality with the object’s `id` field. */
  id?: InputMaybe<Scalars['Int']['input']>;
  /** Checks for equality with the object’s `userId` field. */
  userId?: InputMaybe<Scalars['Int']['input']>;
};

/** A connection to a list of `WaitlistEntry` values. */
export type WaitlistEntryConnection = {
  __typename?: 'WaitlistEntryConnection';
  /** A list of edges which contains the `WaitlistEntry` and cursor to aid in pagination. */
  edges: Array<Maybe<WaitlistEntryEdge>>;
  /** A list of `WaitlistEntry` objects. */
  nodes: Array<Maybe<WaitlistEntry>>;
  /** Information to aid in pagination. */
  pageInfo: PageInfo;
  /** The count of *all* `WaitlistEntry` you could get from the connection. */
  totalCount: Scalars['Int']['output'];
};

/** A `WaitlistEntry` edge in the connection. */
export type WaitlistEntryEdge = {
  __typename?: 'WaitlistEntryEdge';
  /** A cursor for use in pagination. */
  cursor?: Maybe<Scalars['Cursor']['output']>;
  /** The `WaitlistEntry` at the end of the edge. */
  node?: Maybe<WaitlistEntry>;
};

/** Methods to use when ordering `WaitlistEntry`. */
export type WaitlistEntryOrderBy =
  | 'ID_ASC'
  | 'ID_DESC'
  | 'NATURAL'
  | 'PRIMARY_KEY_ASC'
  | 'PRIMARY_KEY_DESC'
  | 'USER_ID_ASC'
  | 'USER_ID_DESC';

/**
 * waiting: in line · offered: a seat is held for them (ticket_id) · accepted ·
 * lapsed: the offer expired · left · closed: the event was cancelled
 */
export type WaitlistEntryStatus =
  | 'accepted'
  | 'closed'
  | 'lapsed'
  | 'left'
  | 'offered'
  | 'waiting';

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { __typename?: 'Mutation', changePassword?: { __typename?: 'ChangePasswordPayload', token: string, user: { __typename?: 'User', id: number, name: string, email: string, role: string } } | null };

export type DeleteAccountMutationVariables = Exact<{
  password: Scalars['String']['input'];
}>;


export type DeleteAccountMutation = { __typename?: 'Mutation', deleteAccount?: { __typename?: 'DeleteAccountPayload', deleted: boolean } | null };

export type RequestAccountClosureMutationVariables = Exact<{ [key: string]: never; }>;


export type RequestAccountClosureMutation = { __typename?: 'Mutation', requestAccountClosure?: { __typename?: 'RequestAccountClosurePayload', result?: boolean | null } | null };

export type ExportMyDataQueryVariables = Exact<{ [key: string]: never; }>;


export type ExportMyDataQuery = { __typename?: 'Query', exportMyData?: any | null };

export type MySessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type MySessionsQuery = { __typename?: 'Query', mySessions?: { __typename?: 'UserSessionConnection', nodes: Array<{ __typename?: 'UserSession', id?: number | null, createdAt?: string | null, userAgent?: string | null, current?: boolean | null } | null> } | null };

export type EndSessionMutationVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type EndSessionMutation = { __typename?: 'Mutation', endSession?: { __typename?: 'EndSessionPayload', result?: boolean | null } | null };

export type EndAllSessionsMutationVariables = Exact<{ [key: string]: never; }>;


export type EndAllSessionsMutation = { __typename?: 'Mutation', endAllSessions?: { __typename?: 'EndAllSessionsPayload', result?: number | null } | null };

export type EventAttendeesQueryVariables = Exact<{
  id: Scalars['Int']['input'];
  first: Scalars['Int']['input'];
  offset: Scalars['Int']['input'];
}>;


export type EventAttendeesQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, attendees: { __typename?: 'AttendeeConnection', totalCount: number, nodes: Array<{ __typename?: 'Attendee', ticketId?: number | null, name?: string | null, email?: string | null, status?: TicketStatus | null, checkedInAt?: string | null } | null> } } | null };

export type CreateCategoryMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type CreateCategoryMutation = { __typename?: 'Mutation', createCategory?: { __typename?: 'CreateCategoryPayload', category?: { __typename?: 'Category', id: number, name: string } | null } | null };

export type RenameCategoryMutationVariables = Exact<{
  id: Scalars['Int']['input'];
  name: Scalars['String']['input'];
}>;


export type RenameCategoryMutation = { __typename?: 'Mutation', updateCategoryById?: { __typename?: 'UpdateCategoryPayload', category?: { __typename?: 'Category', id: number, name: string } | null } | null };

export type DeleteCategoryMutationVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type DeleteCategoryMutation = { __typename?: 'Mutation', deleteCategoryById?: { __typename?: 'DeleteCategoryPayload', category?: { __typename?: 'Category', id: number } | null } | null };

export type DeskEventQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type DeskEventQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, club?: { __typename?: 'Club', id: number, myRole?: ClubRole | null } | null } | null };

export type CheckInMutationVariables = Exact<{
  code: Scalars['String']['input'];
  eventId: Scalars['Int']['input'];
}>;


export type CheckInMutation = { __typename?: 'Mutation', checkIn?: { __typename?: 'CheckInPayload', result?: { __typename?: 'Ticket', id: number, eventId: number, checkedInAt?: string | null, holderName?: string | null } | null } | null };

export type AllClubsQueryVariables = Exact<{ [key: string]: never; }>;


export type AllClubsQuery = { __typename?: 'Query', clubs?: { __typename?: 'ClubConnection', totalCount: number, nodes: Array<{ __typename?: 'Club', id: number, name: string, description: string } | null> } | null };

export type CreateClubMutationVariables = Exact<{
  name: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
}>;


export type CreateClubMutation = { __typename?: 'Mutation', createClub?: { __typename?: 'CreateClubPayload', club?: { __typename?: 'Club', id: number, name: string } | null } | null };

export type DashboardEventQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type DashboardEventQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, totalTickets: number, salesState?: SalesState | null, status: EventStatus, cancelReason?: string | null } | null };

export type DashboardStatsQueryVariables = Exact<{
  id: Scalars['Int']['input'];
  bucket: Scalars['String']['input'];
}>;


export type DashboardStatsQuery = { __typename?: 'Query', eventAnalytics?: { __typename?: 'EventStat', totalTickets?: number | null, ticketsRemaining?: number | null, ticketsHeld?: number | null, ticketsSold?: number | null, sellThroughPercent?: any | null, waitlistSize?: number | null, checkedIn?: number | null, checkInRatePercent?: any | null, cancellations?: number | null, expiredHolds?: number | null } | null, eventSalesOverTime?: { __typename?: 'EventSalesOverTimeConnection', nodes: Array<{ __typename?: 'EventSalesOverTimeRecord', bucketStart?: string | null, ticketsSold?: number | null } | null> } | null };

export type DashboardAvailabilitySubscriptionVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type DashboardAvailabilitySubscription = { __typename?: 'Subscription', eventAvailability?: { __typename?: 'EventAvailability', eventId: number, ticketsRemaining: number, totalTickets: number, salesState: SalesState, version: string } | null };

export type EventForEditQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type EventForEditQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, description: string, venue: string, startsAt: string, totalTickets: number, categoryId?: number | null, salesStart?: string | null, salesEnd?: string | null, priceCents: number, holdMinutes: number, maxTicketsPerStudent: number, releaseMode: ReleaseMode, queueOpensAt?: string | null, admissionMinutes: number, lotteryClosesAt?: string | null, offerMinutes: number, imageUrl?: string | null } | null };

export type CreateEventMutationVariables = Exact<{
  input: CreateEventInput;
}>;


export type CreateEventMutation = { __typename?: 'Mutation', createEvent?: { __typename?: 'CreateEventPayload', event?: { __typename?: 'Event', id: number, name: string } | null } | null };

export type UpdateEventMutationVariables = Exact<{
  input: UpdateEventInput;
}>;


export type UpdateEventMutation = { __typename?: 'Mutation', updateEvent?: { __typename?: 'UpdateEventPayload', event?: { __typename?: 'Event', id: number, name: string, description: string, venue: string, startsAt: string, totalTickets: number, categoryId?: number | null, salesStart?: string | null, salesEnd?: string | null, priceCents: number, holdMinutes: number, maxTicketsPerStudent: number, ticketsRemaining: number, salesState?: SalesState | null, releaseMode: ReleaseMode, queueOpensAt?: string | null, admissionMinutes: number, lotteryClosesAt?: string | null, offerMinutes: number } | null } | null };

export type ManagedEventsQueryVariables = Exact<{
  clubId?: InputMaybe<Scalars['Int']['input']>;
  phase?: InputMaybe<EventPhase>;
  first: Scalars['Int']['input'];
}>;


export type ManagedEventsQuery = { __typename?: 'Query', upcoming?: { __typename?: 'EventConnection', totalCount: number } | null, past?: { __typename?: 'EventConnection', totalCount: number } | null, cancelled?: { __typename?: 'EventConnection', totalCount: number } | null, managedEvents?: { __typename?: 'EventConnection', totalCount: number, nodes: Array<{ __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, priceCents: number, totalTickets: number, ticketsRemaining: number, salesState?: SalesState | null, phase?: EventPhase | null, cancelledAt?: string | null, cancelReason?: string | null, categoryByCategoryId?: { __typename?: 'Category', id: number, name: string } | null, club?: { __typename?: 'Club', id: number, name: string } | null } | null> } | null };

export type ReleaseFiguresQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type ReleaseFiguresQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, releaseMode: ReleaseMode, queueStats?: { __typename?: 'QueueStat', joined?: number | null, waiting?: number | null, admitted?: number | null, booked?: number | null, lapsed?: number | null, closed?: number | null } | null, queueDraw?: { __typename?: 'ReleaseDraw', seed?: string | null, orderHash?: string | null, drawnAt?: string | null, entries?: Array<number | null> | null } | null, lotteryDraw?: { __typename?: 'ReleaseDraw', seed?: string | null, orderHash?: string | null, drawnAt?: string | null, entries?: Array<number | null> | null, winners?: Array<number | null> | null } | null } | null };

export type AdminCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type AdminCategoriesQuery = { __typename?: 'Query', allCategories?: { __typename?: 'CategoryConnection', nodes: Array<{ __typename?: 'Category', id: number, name: string } | null> } | null };

export type SignInOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type SignInOptionsQuery = { __typename?: 'Query', collegeSignInUrl?: string | null };

export type MyAccountQueryVariables = Exact<{ [key: string]: never; }>;


export type MyAccountQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: number, name: string, email: string, emailVerified?: boolean | null, emailVerificationNeeded?: boolean | null, hasPassword?: boolean | null } | null };

export type ResendVerificationMutationVariables = Exact<{ [key: string]: never; }>;


export type ResendVerificationMutation = { __typename?: 'Mutation', resendVerificationEmail?: { __typename?: 'ResendVerificationEmailPayload', result?: boolean | null } | null };

export type BookTicketMutationVariables = Exact<{
  input: BookTicketInput;
}>;


export type BookTicketMutation = { __typename?: 'Mutation', bookTicket?: { __typename?: 'BookTicketPayload', ticketId: number, status: TicketStatus, replayed: boolean, holdExpiresAt?: string | null } | null };

export type MyTicketsForEventQueryVariables = Exact<{ [key: string]: never; }>;


export type MyTicketsForEventQuery = { __typename?: 'Query', myTickets?: { __typename?: 'TicketConnection', nodes: Array<{ __typename?: 'Ticket', id: number, eventId: number, status: TicketStatus } | null> } | null };

export type AcceptOfferMutationVariables = Exact<{
  entryId: Scalars['Int']['input'];
}>;


export type AcceptOfferMutation = { __typename?: 'Mutation', acceptWaitlistOffer?: { __typename?: 'AcceptWaitlistOfferPayload', result?: { __typename?: 'Ticket', id: number, status: TicketStatus, holdExpiresAt?: string | null } | null } | null };

export type JoinWaitlistMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type JoinWaitlistMutation = { __typename?: 'Mutation', joinWaitlist?: { __typename?: 'JoinWaitlistPayload', result?: { __typename?: 'WaitlistEntry', id: number, status: WaitlistEntryStatus, position?: number | null } | null } | null };

export type MyWaitlistQueryVariables = Exact<{
  userId: Scalars['Int']['input'];
}>;


export type MyWaitlistQuery = { __typename?: 'Query', allWaitlistEntries?: { __typename?: 'WaitlistEntryConnection', nodes: Array<{ __typename?: 'WaitlistEntry', id: number, eventId: number, status: WaitlistEntryStatus, position?: number | null, offeredAt?: string | null, ticketByTicketId?: { __typename?: 'Ticket', id: number, status: TicketStatus, holdExpiresAt?: string | null, priceCents: number } | null, eventByEventId?: { __typename?: 'Event', id: number, name: string, startsAt: string } | null } | null> } | null };

export type HasClubsQueryVariables = Exact<{ [key: string]: never; }>;


export type HasClubsQuery = { __typename?: 'Query', myClubs?: { __typename?: 'ClubConnection', totalCount: number } | null };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { __typename?: 'Mutation', logout?: { __typename?: 'LogoutPayload', result?: boolean | null } | null };

export type CancelEventMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
  reason: Scalars['String']['input'];
}>;


export type CancelEventMutation = { __typename?: 'Mutation', cancelEvent?: { __typename?: 'CancelEventPayload', event?: { __typename?: 'Event', id: number, status: EventStatus, cancelledAt?: string | null, cancelReason?: string | null, salesState?: SalesState | null, ticketsRemaining: number } | null } | null };

export type CategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type CategoriesQuery = { __typename?: 'Query', allCategories?: { __typename?: 'CategoryConnection', nodes: Array<{ __typename?: 'Category', id: number, name: string } | null> } | null };

export type UpcomingEventsQueryVariables = Exact<{
  categoryId?: InputMaybe<Scalars['Int']['input']>;
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['Cursor']['input']>;
}>;


export type UpcomingEventsQuery = { __typename?: 'Query', upcomingEvents?: { __typename?: 'EventConnection', nodes: Array<{ __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, priceCents: number, ticketsRemaining: number, totalTickets: number, salesState?: SalesState | null, availabilityVersion: string, imageUrl?: string | null, categoryByCategoryId?: { __typename?: 'Category', id: number, name: string } | null, club?: { __typename?: 'Club', id: number, name: string } | null } | null>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } | null };

export type PopularEventsQueryVariables = Exact<{ [key: string]: never; }>;


export type PopularEventsQuery = { __typename?: 'Query', popularEvents?: { __typename?: 'EventLeaderboardConnection', nodes: Array<{ __typename?: 'EventLeaderboard', eventId?: number | null, name?: string | null, ticketsSold?: number | null, totalTickets?: number | null } | null> } | null };

export type EventsAvailabilitySubscriptionVariables = Exact<{
  categoryId?: InputMaybe<Scalars['Int']['input']>;
}>;


export type EventsAvailabilitySubscription = { __typename?: 'Subscription', eventsAvailability?: Array<{ __typename?: 'EventAvailability', eventId: number, ticketsRemaining: number, totalTickets: number, salesState: SalesState, soldOut: boolean, version: string }> | null };

export type OneEventAvailabilitySubscriptionVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type OneEventAvailabilitySubscription = { __typename?: 'Subscription', eventAvailability?: { __typename?: 'EventAvailability', eventId: number, ticketsRemaining: number, totalTickets: number, salesState: SalesState, soldOut: boolean, version: string } | null };

export type ClubEventsQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type ClubEventsQuery = { __typename?: 'Query', club?: { __typename?: 'Club', id: number, name: string, description: string, myRole?: ClubRole | null } | null };

export type UpdateClubMutationVariables = Exact<{
  id: Scalars['Int']['input'];
  name: Scalars['String']['input'];
  description: Scalars['String']['input'];
}>;


export type UpdateClubMutation = { __typename?: 'Mutation', updateClub?: { __typename?: 'UpdateClubPayload', club?: { __typename?: 'Club', id: number, name: string, description: string } | null } | null };

export type ClubMembersQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type ClubMembersQuery = { __typename?: 'Query', club?: { __typename?: 'Club', id: number, name: string, myRole?: ClubRole | null, members: { __typename?: 'ClubMemberConnection', nodes: Array<{ __typename?: 'ClubMember', userId?: number | null, name?: string | null, email?: string | null, role?: ClubRole | null, status?: string | null } | null> } } | null };

export type AddClubMemberMutationVariables = Exact<{
  clubId: Scalars['Int']['input'];
  email: Scalars['String']['input'];
  role: ClubRole;
}>;


export type AddClubMemberMutation = { __typename?: 'Mutation', addClubMember?: { __typename?: 'AddClubMemberPayload', member?: { __typename?: 'ClubMember', email?: string | null, status?: string | null, role?: ClubRole | null } | null } | null };

export type UpdateClubMemberMutationVariables = Exact<{
  clubId: Scalars['Int']['input'];
  userId: Scalars['Int']['input'];
  role: ClubRole;
}>;


export type UpdateClubMemberMutation = { __typename?: 'Mutation', updateClubMember?: { __typename?: 'UpdateClubMemberPayload', member?: { __typename?: 'ClubMember', userId?: number | null, role?: ClubRole | null } | null } | null };

export type RemoveClubMemberMutationVariables = Exact<{
  clubId: Scalars['Int']['input'];
  userId: Scalars['Int']['input'];
}>;


export type RemoveClubMemberMutation = { __typename?: 'Mutation', removeClubMember?: { __typename?: 'RemoveClubMemberPayload', member?: { __typename?: 'ClubMember', userId?: number | null } | null } | null };

export type CancelClubInvitationMutationVariables = Exact<{
  clubId: Scalars['Int']['input'];
  email: Scalars['String']['input'];
}>;


export type CancelClubInvitationMutation = { __typename?: 'Mutation', cancelClubInvitation?: { __typename?: 'CancelClubInvitationPayload', member?: { __typename?: 'ClubMember', email?: string | null } | null } | null };

export type MyClubsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyClubsQuery = { __typename?: 'Query', myClubs?: { __typename?: 'ClubConnection', nodes: Array<{ __typename?: 'Club', id: number, name: string, description: string, myRole?: ClubRole | null } | null> } | null };

export type EventClubRoleQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type EventClubRoleQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, club?: { __typename?: 'Club', id: number, name: string, myRole?: ClubRole | null } | null } | null };

export type ClubRoleOfQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type ClubRoleOfQuery = { __typename?: 'Query', club?: { __typename?: 'Club', id: number, name: string, myRole?: ClubRole | null } | null };

export type SignedInAsQueryVariables = Exact<{ [key: string]: never; }>;


export type SignedInAsQuery = { __typename?: 'Query', me?: { __typename?: 'User', id: number, name: string, email: string, role: string } | null };

export type SignUpMutationVariables = Exact<{
  input: SignupInput;
}>;


export type SignUpMutation = { __typename?: 'Mutation', signup?: { __typename?: 'SignupPayload', token: string, userId: number, role: string, user: { __typename?: 'User', id: number, name: string, email: string } } | null };

export type SignInMutationVariables = Exact<{
  input: LoginInput;
}>;


export type SignInMutation = { __typename?: 'Mutation', login?: { __typename?: 'LoginPayload', token: string, userId: number, role: string, user: { __typename?: 'User', id: number, name: string, email: string } } | null };

export type CloseAccountWithLinkMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type CloseAccountWithLinkMutation = { __typename?: 'Mutation', closeAccountWithLink?: { __typename?: 'DeleteAccountPayload', deleted: boolean } | null };

export type ClubProfileQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type ClubProfileQuery = { __typename?: 'Query', club?: { __typename?: 'Club', id: number, name: string, description: string, upcomingEvents: { __typename?: 'EventConnection', nodes: Array<{ __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, priceCents: number, ticketsRemaining: number, totalTickets: number, salesState?: SalesState | null, availabilityVersion: string, imageUrl?: string | null, categoryByCategoryId?: { __typename?: 'Category', id: number, name: string } | null, club?: { __typename?: 'Club', id: number, name: string } | null } | null> } } | null };

export type EventDetailsQueryVariables = Exact<{
  id: Scalars['Int']['input'];
}>;


export type EventDetailsQuery = { __typename?: 'Query', eventById?: { __typename?: 'Event', id: number, name: string, description: string, startsAt: string, venue: string, priceCents: number, ticketsRemaining: number, totalTickets: number, salesState?: SalesState | null, salesStart?: string | null, salesEnd?: string | null, availabilityVersion: string, maxTicketsPerStudent: number, holdMinutes: number, status: EventStatus, cancelledAt?: string | null, cancelReason?: string | null, imageUrl?: string | null, releaseMode: ReleaseMode, lotteryClosesAt?: string | null, offerMinutes: number, categoryByCategoryId?: { __typename?: 'Category', id: number, name: string } | null, club?: { __typename?: 'Club', id: number, name: string, myRole?: ClubRole | null } | null } | null };

export type RequestPasswordResetMutationVariables = Exact<{
  email: Scalars['String']['input'];
}>;


export type RequestPasswordResetMutation = { __typename?: 'Mutation', requestPasswordReset?: { __typename?: 'RequestPasswordResetPayload', accepted: boolean } | null };

export type MyTicketsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyTicketsQuery = { __typename?: 'Query', myTickets?: { __typename?: 'TicketConnection', nodes: Array<{ __typename?: 'Ticket', id: number, eventId: number, status: TicketStatus, checkInCode?: string | null, holdExpiresAt?: string | null, priceCents: number, bookedAt: string, confirmedAt?: string | null, cancelledAt?: string | null, checkedInAt?: string | null, eventByEventId?: { __typename?: 'Event', id: number, name: string, startsAt: string, venue: string, status: EventStatus, cancelReason?: string | null } | null } | null> } | null };

export type ResetPasswordMutationVariables = Exact<{
  token: Scalars['String']['input'];
  newPassword: Scalars['String']['input'];
}>;


export type ResetPasswordMutation = { __typename?: 'Mutation', resetPassword?: { __typename?: 'ResetPasswordPayload', result?: boolean | null } | null };

export type VerifyEmailMutationVariables = Exact<{
  token: Scalars['String']['input'];
}>;


export type VerifyEmailMutation = { __typename?: 'Mutation', verifyEmail?: { __typename?: 'VerifyEmailPayload', result?: { __typename?: 'User', id: number, email: string, emailVerified?: boolean | null } | null } | null };

export type MyLotteryEntryQueryVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type MyLotteryEntryQuery = { __typename?: 'Query', myLotteryEntry?: { __typename?: 'LotteryEntry', id: number, state: LotteryEntryState, drawRank?: number | null, offerExpiresAt?: string | null, ticketId?: number | null } | null };

export type EnterLotteryMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type EnterLotteryMutation = { __typename?: 'Mutation', enterLottery?: { __typename?: 'EnterLotteryPayload', result?: { __typename?: 'LotteryEntry', id: number, state: LotteryEntryState, drawRank?: number | null, offerExpiresAt?: string | null, ticketId?: number | null } | null } | null };

export type ClaimLotteryWinMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type ClaimLotteryWinMutation = { __typename?: 'Mutation', claimLotteryWin?: { __typename?: 'ClaimLotteryWinPayload', result?: { __typename?: 'Ticket', id: number, status: TicketStatus, holdExpiresAt?: string | null } | null } | null };

export type QueueEntryLiveSubscriptionVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type QueueEntryLiveSubscription = { __typename?: 'Subscription', queueEntry?: { __typename?: 'QueueEntryUpdate', eventId: number, state: QueueEntryState, position?: number | null, admittedUntil?: string | null } | null };

export type JoinQueueMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type JoinQueueMutation = { __typename?: 'Mutation', joinQueue?: { __typename?: 'JoinQueuePayload', result?: { __typename?: 'QueueEntry', eventId: number, state: QueueEntryState, position?: number | null, admittedUntil?: string | null } | null } | null };

export type LeaveQueueMutationVariables = Exact<{
  eventId: Scalars['Int']['input'];
}>;


export type LeaveQueueMutation = { __typename?: 'Mutation', leaveQueue?: { __typename?: 'LeaveQueuePayload', result?: { __typename?: 'QueueEntry', eventId: number, state: QueueEntryState, position?: number | null, admittedUntil?: string | null } | null } | null };

export type CancelTicketMutationVariables = Exact<{
  ticketId: Scalars['Int']['input'];
}>;


export type CancelTicketMutation = { __typename?: 'Mutation', cancelTicket?: { __typename?: 'CancelTicketPayload', result?: { __typename?: 'Ticket', id: number, status: TicketStatus, cancelledAt?: string | null } | null } | null };

export type PayForTicketMutationVariables = Exact<{
  ticketId: Scalars['Int']['input'];
}>;


export type PayForTicketMutation = { __typename?: 'Mutation', payForTicket?: { __typename?: 'PaymentIntent', intentId: string, clientSecret: string, amountCents: number } | null };


export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const DeleteAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<DeleteAccountMutation, DeleteAccountMutationVariables>;
export const RequestAccountClosureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestAccountClosure"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestAccountClosure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<RequestAccountClosureMutation, RequestAccountClosureMutationVariables>;
export const ExportMyDataDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExportMyData"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"exportMyData"}}]}}]} as unknown as DocumentNode<ExportMyDataQuery, ExportMyDataQueryVariables>;
export const MySessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MySessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"userAgent"}},{"kind":"Field","name":{"kind":"Name","value":"current"}}]}}]}}]}}]} as unknown as DocumentNode<MySessionsQuery, MySessionsQueryVariables>;
export const EndSessionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<EndSessionMutation, EndSessionMutationVariables>;
export const EndAllSessionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndAllSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endAllSessions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<EndAllSessionsMutation, EndAllSessionsMutationVariables>;
export const EventAttendeesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventAttendees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"offset"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"attendees"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"offset"},"value":{"kind":"Variable","name":{"kind":"Name","value":"offset"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<EventAttendeesQuery, EventAttendeesQueryVariables>;
export const CreateCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCategory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"category"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateCategoryMutation, CreateCategoryMutationVariables>;
export const RenameCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCategoryById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"categoryPatch"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}]}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<RenameCategoryMutation, RenameCategoryMutationVariables>;
export const DeleteCategoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteCategory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteCategoryById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteCategoryMutation, DeleteCategoryMutationVariables>;
export const DeskEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeskEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]}}]} as unknown as DocumentNode<DeskEventQuery, DeskEventQueryVariables>;
export const CheckInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"code"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"code"},"value":{"kind":"Variable","name":{"kind":"Name","value":"code"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}}]}}]}}]}}]} as unknown as DocumentNode<CheckInMutation, CheckInMutationVariables>;
export const AllClubsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AllClubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"clubs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"NAME_ASC"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<AllClubsQuery, AllClubsQueryVariables>;
export const CreateClubDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateClub"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"description"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createClub"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"Variable","name":{"kind":"Name","value":"description"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateClubMutation, CreateClubMutationVariables>;
export const DashboardEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}}]}}]}}]} as unknown as DocumentNode<DashboardEventQuery, DashboardEventQueryVariables>;
export const DashboardStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DashboardStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventAnalytics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsHeld"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsSold"}},{"kind":"Field","name":{"kind":"Name","value":"sellThroughPercent"}},{"kind":"Field","name":{"kind":"Name","value":"waitlistSize"}},{"kind":"Field","name":{"kind":"Name","value":"checkedIn"}},{"kind":"Field","name":{"kind":"Name","value":"checkInRatePercent"}},{"kind":"Field","name":{"kind":"Name","value":"cancellations"}},{"kind":"Field","name":{"kind":"Name","value":"expiredHolds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventSalesOverTime"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"bucket"},"value":{"kind":"Variable","name":{"kind":"Name","value":"bucket"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bucketStart"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsSold"}}]}}]}}]}}]} as unknown as DocumentNode<DashboardStatsQuery, DashboardStatsQueryVariables>;
export const DashboardAvailabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"DashboardAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<DashboardAvailabilitySubscription, DashboardAvailabilitySubscriptionVariables>;
export const EventForEditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventForEdit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"categoryId"}},{"kind":"Field","name":{"kind":"Name","value":"salesStart"}},{"kind":"Field","name":{"kind":"Name","value":"salesEnd"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"holdMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"maxTicketsPerStudent"}},{"kind":"Field","name":{"kind":"Name","value":"releaseMode"}},{"kind":"Field","name":{"kind":"Name","value":"queueOpensAt"}},{"kind":"Field","name":{"kind":"Name","value":"admissionMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"lotteryClosesAt"}},{"kind":"Field","name":{"kind":"Name","value":"offerMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}}]}}]}}]} as unknown as DocumentNode<EventForEditQuery, EventForEditQueryVariables>;
export const CreateEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CreateEventMutation, CreateEventMutationVariables>;
export const UpdateEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateEventInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"categoryId"}},{"kind":"Field","name":{"kind":"Name","value":"salesStart"}},{"kind":"Field","name":{"kind":"Name","value":"salesEnd"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"holdMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"maxTicketsPerStudent"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"releaseMode"}},{"kind":"Field","name":{"kind":"Name","value":"queueOpensAt"}},{"kind":"Field","name":{"kind":"Name","value":"admissionMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"lotteryClosesAt"}},{"kind":"Field","name":{"kind":"Name","value":"offerMinutes"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateEventMutation, UpdateEventMutationVariables>;
export const ManagedEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ManagedEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"phase"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EventPhase"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"upcoming"},"name":{"kind":"Name","value":"managedEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"phase"},"value":{"kind":"EnumValue","value":"upcoming"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"past"},"name":{"kind":"Name","value":"managedEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"phase"},"value":{"kind":"EnumValue","value":"past"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"cancelled"},"name":{"kind":"Name","value":"managedEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"phase"},"value":{"kind":"EnumValue","value":"cancelled"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"managedEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"Argument","name":{"kind":"Name","value":"phase"},"value":{"kind":"Variable","name":{"kind":"Name","value":"phase"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"categoryByCategoryId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ManagedEventsQuery, ManagedEventsQueryVariables>;
export const ReleaseFiguresDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReleaseFigures"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"releaseMode"}},{"kind":"Field","name":{"kind":"Name","value":"queueStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joined"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"admitted"}},{"kind":"Field","name":{"kind":"Name","value":"booked"}},{"kind":"Field","name":{"kind":"Name","value":"lapsed"}},{"kind":"Field","name":{"kind":"Name","value":"closed"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queueDraw"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"orderHash"}},{"kind":"Field","name":{"kind":"Name","value":"drawnAt"}},{"kind":"Field","name":{"kind":"Name","value":"entries"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lotteryDraw"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"orderHash"}},{"kind":"Field","name":{"kind":"Name","value":"drawnAt"}},{"kind":"Field","name":{"kind":"Name","value":"entries"}},{"kind":"Field","name":{"kind":"Name","value":"winners"}}]}}]}}]}}]} as unknown as DocumentNode<ReleaseFiguresQuery, ReleaseFiguresQueryVariables>;
export const AdminCategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AdminCategories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"NAME_ASC"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AdminCategoriesQuery, AdminCategoriesQueryVariables>;
export const SignInOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignInOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"collegeSignInUrl"}}]}}]} as unknown as DocumentNode<SignInOptionsQuery, SignInOptionsQueryVariables>;
export const MyAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerificationNeeded"}},{"kind":"Field","name":{"kind":"Name","value":"hasPassword"}}]}}]}}]} as unknown as DocumentNode<MyAccountQuery, MyAccountQueryVariables>;
export const ResendVerificationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResendVerification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendVerificationEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<ResendVerificationMutation, ResendVerificationMutationVariables>;
export const BookTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BookTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BookTicketInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ticketId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"replayed"}},{"kind":"Field","name":{"kind":"Name","value":"holdExpiresAt"}}]}}]}}]} as unknown as DocumentNode<BookTicketMutation, BookTicketMutationVariables>;
export const MyTicketsForEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTicketsForEvent"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<MyTicketsForEventQuery, MyTicketsForEventQueryVariables>;
export const AcceptOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AcceptOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"entryId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acceptWaitlistOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"entryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"entryId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holdExpiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<AcceptOfferMutation, AcceptOfferMutationVariables>;
export const JoinWaitlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"JoinWaitlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinWaitlist"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}}]}}]}}]} as unknown as DocumentNode<JoinWaitlistMutation, JoinWaitlistMutationVariables>;
export const MyWaitlistDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyWaitlist"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allWaitlistEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"condition"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}},{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"ID_DESC"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"offeredAt"}},{"kind":"Field","name":{"kind":"Name","value":"ticketByTicketId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holdExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eventByEventId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyWaitlistQuery, MyWaitlistQueryVariables>;
export const HasClubsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HasClubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myClubs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<HasClubsQuery, HasClubsQueryVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const CancelEventDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelEvent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelEvent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"event"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}}]}}]}}]}}]} as unknown as DocumentNode<CancelEventMutation, CancelEventMutationVariables>;
export const CategoriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allCategories"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"orderBy"},"value":{"kind":"ListValue","values":[{"kind":"EnumValue","value":"NAME_ASC"}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CategoriesQuery, CategoriesQueryVariables>;
export const UpcomingEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UpcomingEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Cursor"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upcomingEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"categoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"availabilityVersion"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"categoryByCategoryId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<UpcomingEventsQuery, UpcomingEventsQueryVariables>;
export const PopularEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PopularEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"popularEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"n"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsSold"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}}]}}]}}]}}]} as unknown as DocumentNode<PopularEventsQuery, PopularEventsQueryVariables>;
export const EventsAvailabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EventsAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventsAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"categoryId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"categoryId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<EventsAvailabilitySubscription, EventsAvailabilitySubscriptionVariables>;
export const OneEventAvailabilityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"OneEventAvailability"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventAvailability"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"soldOut"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<OneEventAvailabilitySubscription, OneEventAvailabilitySubscriptionVariables>;
export const ClubEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClubEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]} as unknown as DocumentNode<ClubEventsQuery, ClubEventsQueryVariables>;
export const UpdateClubDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateClub"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"description"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateClub"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"description"},"value":{"kind":"Variable","name":{"kind":"Name","value":"description"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateClubMutation, UpdateClubMutationVariables>;
export const ClubMembersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClubMembers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClubMembersQuery, ClubMembersQueryVariables>;
export const AddClubMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddClubMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClubRole"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addClubMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<AddClubMemberMutation, AddClubMemberMutationVariables>;
export const UpdateClubMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateClubMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"role"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClubRole"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateClubMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"role"},"value":{"kind":"Variable","name":{"kind":"Name","value":"role"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateClubMemberMutation, UpdateClubMemberMutationVariables>;
export const RemoveClubMemberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveClubMember"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeClubMember"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userId"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveClubMemberMutation, RemoveClubMemberMutationVariables>;
export const CancelClubInvitationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelClubInvitation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelClubInvitation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"clubId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"clubId"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<CancelClubInvitationMutation, CancelClubInvitationMutationVariables>;
export const MyClubsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyClubs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myClubs"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]}}]} as unknown as DocumentNode<MyClubsQuery, MyClubsQueryVariables>;
export const EventClubRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventClubRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]}}]} as unknown as DocumentNode<EventClubRoleQuery, EventClubRoleQueryVariables>;
export const ClubRoleOfDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClubRoleOf"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]} as unknown as DocumentNode<ClubRoleOfQuery, ClubRoleOfQueryVariables>;
export const SignedInAsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SignedInAs"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]} as unknown as DocumentNode<SignedInAsQuery, SignedInAsQueryVariables>;
export const SignUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const SignInDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]} as unknown as DocumentNode<SignInMutation, SignInMutationVariables>;
export const CloseAccountWithLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseAccountWithLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeAccountWithLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleted"}}]}}]}}]} as unknown as DocumentNode<CloseAccountWithLinkMutation, CloseAccountWithLinkMutationVariables>;
export const ClubProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ClubProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"club"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"upcomingEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"availabilityVersion"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"categoryByCategoryId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ClubProfileQuery, ClubProfileQueryVariables>;
export const EventDetailsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EventDetails"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventById"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"ticketsRemaining"}},{"kind":"Field","name":{"kind":"Name","value":"totalTickets"}},{"kind":"Field","name":{"kind":"Name","value":"salesState"}},{"kind":"Field","name":{"kind":"Name","value":"salesStart"}},{"kind":"Field","name":{"kind":"Name","value":"salesEnd"}},{"kind":"Field","name":{"kind":"Name","value":"availabilityVersion"}},{"kind":"Field","name":{"kind":"Name","value":"maxTicketsPerStudent"}},{"kind":"Field","name":{"kind":"Name","value":"holdMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"releaseMode"}},{"kind":"Field","name":{"kind":"Name","value":"lotteryClosesAt"}},{"kind":"Field","name":{"kind":"Name","value":"offerMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"categoryByCategoryId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"club"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"myRole"}}]}}]}}]}}]} as unknown as DocumentNode<EventDetailsQuery, EventDetailsQueryVariables>;
export const RequestPasswordResetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestPasswordReset"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestPasswordReset"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}}]}}]}}]} as unknown as DocumentNode<RequestPasswordResetMutation, RequestPasswordResetMutationVariables>;
export const MyTicketsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyTickets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myTickets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"checkInCode"}},{"kind":"Field","name":{"kind":"Name","value":"holdExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"bookedAt"}},{"kind":"Field","name":{"kind":"Name","value":"confirmedAt"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"eventByEventId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"venue"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyTicketsQuery, MyTicketsQueryVariables>;
export const ResetPasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResetPassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resetPassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"newPassword"},"value":{"kind":"Variable","name":{"kind":"Name","value":"newPassword"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"}}]}}]}}]} as unknown as DocumentNode<ResetPasswordMutation, ResetPasswordMutationVariables>;
export const VerifyEmailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"VerifyEmail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"token"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verifyEmail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"token"},"value":{"kind":"Variable","name":{"kind":"Name","value":"token"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}}]}}]}}]}}]} as unknown as DocumentNode<VerifyEmailMutation, VerifyEmailMutationVariables>;
export const MyLotteryEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyLotteryEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myLotteryEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"drawRank"}},{"kind":"Field","name":{"kind":"Name","value":"offerExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}}]}}]}}]} as unknown as DocumentNode<MyLotteryEntryQuery, MyLotteryEntryQueryVariables>;
export const EnterLotteryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnterLottery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterLottery"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"drawRank"}},{"kind":"Field","name":{"kind":"Name","value":"offerExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"ticketId"}}]}}]}}]}}]} as unknown as DocumentNode<EnterLotteryMutation, EnterLotteryMutationVariables>;
export const ClaimLotteryWinDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimLotteryWin"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimLotteryWin"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"holdExpiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<ClaimLotteryWinMutation, ClaimLotteryWinMutationVariables>;
export const QueueEntryLiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"QueueEntryLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queueEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]}}]} as unknown as DocumentNode<QueueEntryLiveSubscription, QueueEntryLiveSubscriptionVariables>;
export const JoinQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"JoinQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"joinQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]}}]}}]} as unknown as DocumentNode<JoinQueueMutation, JoinQueueMutationVariables>;
export const LeaveQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LeaveQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaveQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"eventId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"eventId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventId"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"admittedUntil"}}]}}]}}]}}]} as unknown as DocumentNode<LeaveQueueMutation, LeaveQueueMutationVariables>;
export const CancelTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"result"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledAt"}}]}}]}}]}}]} as unknown as DocumentNode<CancelTicketMutation, CancelTicketMutationVariables>;
export const PayForTicketDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayForTicket"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payForTicket"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ticketId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ticketId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"intentId"}},{"kind":"Field","name":{"kind":"Name","value":"clientSecret"}},{"kind":"Field","name":{"kind":"Name","value":"amountCents"}}]}}]}}]} as unknown as DocumentNode<PayForTicketMutation, PayForTicketMutationVariables>;