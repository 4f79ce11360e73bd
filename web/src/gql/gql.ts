/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) { token user { id name email role } }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(input: { password: $password }) { deleted }\n  }\n": typeof types.DeleteAccountDocument,
    "\n  mutation RequestAccountClosure {\n    requestAccountClosure(input: {}) { result }\n  }\n": typeof types.RequestAccountClosureDocument,
    "\n  query ExportMyData {\n    exportMyData\n  }\n": typeof types.ExportMyDataDocument,
    "\n  query MySessions {\n    mySessions(first: 100) { nodes { id createdAt userAgent current } }\n  }\n": typeof types.MySessionsDocument,
    "\n  mutation EndSession($id: Int!) {\n    endSession(input: { id: $id }) { result }\n  }\n": typeof types.EndSessionDocument,
    "\n  mutation EndAllSessions {\n    endAllSessions(input: {}) { result }\n  }\n": typeof types.EndAllSessionsDocument,
    "\n  query EventAttendees($id: Int!, $first: Int!, $offset: Int!) {\n    eventById(id: $id) {\n      id name startsAt venue\n      attendees(first: $first, offset: $offset) {\n        totalCount\n        nodes { ticketId name email status checkedInAt }\n      }\n    }\n  }\n": typeof types.EventAttendeesDocument,
    "\n  mutation CreateCategory($name: String!) {\n    createCategory(input: { category: { name: $name } }) { category { id name } }\n  }\n": typeof types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: Int!, $name: String!) {\n    updateCategoryById(input: { id: $id, categoryPatch: { name: $name } }) { category { id name } }\n  }\n": typeof types.RenameCategoryDocument,
    "\n  mutation DeleteCategory($id: Int!) {\n    deleteCategoryById(input: { id: $id }) { category { id } }\n  }\n": typeof types.DeleteCategoryDocument,
    "\n  query DeskEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue club { id myRole } }\n  }\n": typeof types.DeskEventDocument,
    "\n  mutation CheckIn($code: String!, $eventId: Int!) {\n    checkIn(input: { code: $code, eventId: $eventId }) {\n      result { id eventId checkedInAt holderName }\n    }\n  }\n": typeof types.CheckInDocument,
    "\n  query AllClubs {\n    clubs(orderBy: [NAME_ASC], first: 100) { totalCount nodes { id name description } }\n  }\n": typeof types.AllClubsDocument,
    "\n  mutation CreateClub($name: String!, $description: String) {\n    createClub(input: { name: $name, description: $description }) { club { id name } }\n  }\n": typeof types.CreateClubDocument,
    "\n  query DashboardEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue totalTickets salesState status cancelReason }\n  }\n": typeof types.DashboardEventDocument,
    "\n  query DashboardStats($id: Int!, $bucket: String!) {\n    eventAnalytics(eventId: $id) {\n      totalTickets ticketsRemaining ticketsHeld ticketsSold sellThroughPercent waitlistSize checkedIn checkInRatePercent\n      cancellations expiredHolds\n    }\n    eventSalesOverTime(eventId: $id, bucket: $bucket, first: 100) {\n      nodes { bucketStart ticketsSold }\n    }\n  }\n": typeof types.DashboardStatsDocument,
    "\n  subscription DashboardAvailability($id: Int!) {\n    eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets salesState version }\n  }\n": typeof types.DashboardAvailabilityDocument,
    "\n  query EventForEdit($id: Int!) {\n    eventById(id: $id) {\n      id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent\n      releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes imageUrl\n    }\n  }\n": typeof types.EventForEditDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { event { id name } }\n  }\n": typeof types.CreateEventDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event { id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent ticketsRemaining salesState releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes }\n    }\n  }\n": typeof types.UpdateEventDocument,
    "\n  query ManagedEvents($clubId: Int, $phase: EventPhase, $first: Int!) {\n    upcoming: managedEvents(clubId: $clubId, phase: upcoming, first: 1) { totalCount }\n    past: managedEvents(clubId: $clubId, phase: past, first: 1) { totalCount }\n    cancelled: managedEvents(clubId: $clubId, phase: cancelled, first: 1) { totalCount }\n    managedEvents(clubId: $clubId, phase: $phase, first: $first) {\n      totalCount\n      nodes {\n        id name startsAt venue priceCents totalTickets ticketsRemaining salesState phase cancelledAt cancelReason\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n    }\n  }\n": typeof types.ManagedEventsDocument,
    "\n  query ReleaseFigures($id: Int!) {\n    eventById(id: $id) {\n      id releaseMode\n      queueStats { joined waiting admitted booked lapsed closed }\n      queueDraw { seed orderHash drawnAt entries }\n      lotteryDraw { seed orderHash drawnAt entries winners }\n    }\n  }\n": typeof types.ReleaseFiguresDocument,
    "\n  query AdminCategories {\n    allCategories(orderBy: [NAME_ASC], first: 100) {\n      nodes { id name }\n    }\n  }\n": typeof types.AdminCategoriesDocument,
    "\n  query SignInOptions {\n    collegeSignInUrl\n  }\n": typeof types.SignInOptionsDocument,
    "\n  query MyAccount {\n    me { id name email emailVerified emailVerificationNeeded hasPassword }\n  }\n": typeof types.MyAccountDocument,
    "\n  mutation ResendVerification {\n    resendVerificationEmail(input: {}) { result }\n  }\n": typeof types.ResendVerificationDocument,
    "\n  mutation BookTicket($input: BookTicketInput!) {\n    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }\n  }\n": typeof types.BookTicketDocument,
    "\n  query MyTicketsForEvent {\n    myTickets(first: 100) { nodes { id eventId status } }\n  }\n": typeof types.MyTicketsForEventDocument,
    "\n  mutation AcceptOffer($entryId: Int!) {\n    acceptWaitlistOffer(input: { entryId: $entryId }) { result { id status holdExpiresAt } }\n  }\n": typeof types.AcceptOfferDocument,
    "\n  mutation JoinWaitlist($eventId: Int!) {\n    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }\n  }\n": typeof types.JoinWaitlistDocument,
    "\n  query MyWaitlist($userId: Int!) {\n    allWaitlistEntries(condition: { userId: $userId }, orderBy: [ID_DESC], first: 50) {\n      nodes {\n        id eventId status position offeredAt\n        ticketByTicketId { id status holdExpiresAt priceCents }\n        eventByEventId { id name startsAt }\n      }\n    }\n  }\n": typeof types.MyWaitlistDocument,
    "\n  query HasClubs {\n    myClubs(first: 1) { totalCount }\n  }\n": typeof types.HasClubsDocument,
    "\n  mutation Logout {\n    logout(input: {}) { result }\n  }\n": typeof types.LogoutDocument,
    "\n  mutation CancelEvent($eventId: Int!, $reason: String!) {\n    cancelEvent(input: { eventId: $eventId, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }\n  }\n": typeof types.CancelEventDocument,
    "\n  query Categories {\n    allCategories(orderBy: [NAME_ASC], first: 100) { nodes { id name } }\n  }\n": typeof types.CategoriesDocument,
    "\n  query UpcomingEvents($categoryId: Int, $first: Int!, $after: Cursor) {\n    upcomingEvents(categoryId: $categoryId, first: $first, after: $after) {\n      nodes {\n        id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": typeof types.UpcomingEventsDocument,
    "\n  query PopularEvents {\n    popularEvents(n: 10, first: 10) { nodes { eventId name ticketsSold totalTickets } }\n  }\n": typeof types.PopularEventsDocument,
    "\n  subscription EventsAvailability($categoryId: Int) {\n    eventsAvailability(categoryId: $categoryId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n": typeof types.EventsAvailabilityDocument,
    "\n  subscription OneEventAvailability($eventId: Int!) {\n    eventAvailability(eventId: $eventId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n": typeof types.OneEventAvailabilityDocument,
    "\n  query ClubEvents($id: Int!) {\n    club(id: $id) {\n      id name description myRole\n    }\n  }\n": typeof types.ClubEventsDocument,
    "\n  mutation UpdateClub($id: Int!, $name: String!, $description: String!) {\n    updateClub(input: { id: $id, name: $name, description: $description }) { club { id name description } }\n  }\n": typeof types.UpdateClubDocument,
    "\n  query ClubMembers($id: Int!) {\n    club(id: $id) {\n      id name myRole\n      members { nodes { userId name email role status } }\n    }\n  }\n": typeof types.ClubMembersDocument,
    "\n  mutation AddClubMember($clubId: Int!, $email: String!, $role: ClubRole!) {\n    addClubMember(input: { clubId: $clubId, email: $email, role: $role }) { member { email status role } }\n  }\n": typeof types.AddClubMemberDocument,
    "\n  mutation UpdateClubMember($clubId: Int!, $userId: Int!, $role: ClubRole!) {\n    updateClubMember(input: { clubId: $clubId, userId: $userId, role: $role }) { member { userId role } }\n  }\n": typeof types.UpdateClubMemberDocument,
    "\n  mutation RemoveClubMember($clubId: Int!, $userId: Int!) {\n    removeClubMember(input: { clubId: $clubId, userId: $userId }) { member { userId } }\n  }\n": typeof types.RemoveClubMemberDocument,
    "\n  mutation CancelClubInvitation($clubId: Int!, $email: String!) {\n    cancelClubInvitation(input: { clubId: $clubId, email: $email }) { member { email } }\n  }\n": typeof types.CancelClubInvitationDocument,
    "\n  query MyClubs {\n    myClubs(first: 100) { nodes { id name description myRole } }\n  }\n": typeof types.MyClubsDocument,
    "\n  query EventClubRole($id: Int!) {\n    eventById(id: $id) { id name club { id name myRole } }\n  }\n": typeof types.EventClubRoleDocument,
    "\n  query ClubRoleOf($id: Int!) {\n    club(id: $id) { id name myRole }\n  }\n": typeof types.ClubRoleOfDocument,
    "\n  query SignedInAs {\n    me { id name email role }\n  }\n": typeof types.SignedInAsDocument,
    "\n  mutation SignUp($input: SignupInput!) {\n    signup(input: $input) { token userId role user { id name email } }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) { token userId role user { id name email } }\n  }\n": typeof types.SignInDocument,
    "\n  mutation CloseAccountWithLink($token: String!) {\n    closeAccountWithLink(input: { token: $token }) { deleted }\n  }\n": typeof types.CloseAccountWithLinkDocument,
    "\n  query ClubProfile($id: Int!) {\n    club(id: $id) {\n      id name description\n      upcomingEvents(first: 50) {\n        nodes {\n          id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n          categoryByCategoryId { id name }\n          club { id name }\n        }\n      }\n    }\n  }\n": typeof types.ClubProfileDocument,
    "\n  query EventDetails($id: Int!) {\n    eventById(id: $id) {\n      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState\n      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes\n      status cancelledAt cancelReason imageUrl\n      releaseMode lotteryClosesAt offerMinutes\n      categoryByCategoryId { id name }\n      club { id name myRole }\n    }\n  }\n": typeof types.EventDetailsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(input: { email: $email }) { accepted }\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  query MyTickets {\n    myTickets(first: 100) {\n      nodes {\n        id eventId status checkInCode holdExpiresAt priceCents bookedAt confirmedAt cancelledAt checkedInAt\n        eventByEventId { id name startsAt venue status cancelReason }\n      }\n    }\n  }\n": typeof types.MyTicketsDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(input: { token: $token, newPassword: $newPassword }) { result }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(input: { token: $token }) { result { id email emailVerified } }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  query MyLotteryEntry($eventId: Int!) {\n    myLotteryEntry(eventId: $eventId) { id state drawRank offerExpiresAt ticketId }\n  }\n": typeof types.MyLotteryEntryDocument,
    "\n  mutation EnterLottery($eventId: Int!) {\n    enterLottery(input: { eventId: $eventId }) { result { id state drawRank offerExpiresAt ticketId } }\n  }\n": typeof types.EnterLotteryDocument,
    "\n  mutation ClaimLotteryWin($eventId: Int!) {\n    claimLotteryWin(input: { eventId: $eventId }) { result { id status holdExpiresAt } }\n  }\n": typeof types.ClaimLotteryWinDocument,
    "\n  subscription QueueEntryLive($eventId: Int!) {\n    queueEntry(eventId: $eventId) { eventId state position admittedUntil }\n  }\n": typeof types.QueueEntryLiveDocument,
    "\n  mutation JoinQueue($eventId: Int!) {\n    joinQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n": typeof types.JoinQueueDocument,
    "\n  mutation LeaveQueue($eventId: Int!) {\n    leaveQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n": typeof types.LeaveQueueDocument,
    "\n  mutation CancelTicket($ticketId: Int!) {\n    cancelTicket(input: { ticketId: $ticketId }) { result { id status cancelledAt } }\n  }\n": typeof types.CancelTicketDocument,
    "\n  mutation PayForTicket($ticketId: Int!) {\n    payForTicket(ticketId: $ticketId) { intentId clientSecret amountCents }\n  }\n": typeof types.PayForTicketDocument,
};
const documents: Documents = {
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) { token user { id name email role } }\n  }\n": types.ChangePasswordDocument,
    "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(input: { password: $password }) { deleted }\n  }\n": types.DeleteAccountDocument,
    "\n  mutation RequestAccountClosure {\n    requestAccountClosure(input: {}) { result }\n  }\n": types.RequestAccountClosureDocument,
    "\n  query ExportMyData {\n    exportMyData\n  }\n": types.ExportMyDataDocument,
    "\n  query MySessions {\n    mySessions(first: 100) { nodes { id createdAt userAgent current } }\n  }\n": types.MySessionsDocument,
    "\n  mutation EndSession($id: Int!) {\n    endSession(input: { id: $id }) { result }\n  }\n": types.EndSessionDocument,
    "\n  mutation EndAllSessions {\n    endAllSessions(input: {}) { result }\n  }\n": types.EndAllSessionsDocument,
    "\n  query EventAttendees($id: Int!, $first: Int!, $offset: Int!) {\n    eventById(id: $id) {\n      id name startsAt venue\n      attendees(first: $first, offset: $offset) {\n        totalCount\n        nodes { ticketId name email status checkedInAt }\n      }\n    }\n  }\n": types.EventAttendeesDocument,
    "\n  mutation CreateCategory($name: String!) {\n    createCategory(input: { category: { name: $name } }) { category { id name } }\n  }\n": types.CreateCategoryDocument,
    "\n  mutation RenameCategory($id: Int!, $name: String!) {\n    updateCategoryById(input: { id: $id, categoryPatch: { name: $name } }) { category { id name } }\n  }\n": types.RenameCategoryDocument,
    "\n  mutation DeleteCategory($id: Int!) {\n    deleteCategoryById(input: { id: $id }) { category { id } }\n  }\n": types.DeleteCategoryDocument,
    "\n  query DeskEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue club { id myRole } }\n  }\n": types.DeskEventDocument,
    "\n  mutation CheckIn($code: String!, $eventId: Int!) {\n    checkIn(input: { code: $code, eventId: $eventId }) {\n      result { id eventId checkedInAt holderName }\n    }\n  }\n": types.CheckInDocument,
    "\n  query AllClubs {\n    clubs(orderBy: [NAME_ASC], first: 100) { totalCount nodes { id name description } }\n  }\n": types.AllClubsDocument,
    "\n  mutation CreateClub($name: String!, $description: String) {\n    createClub(input: { name: $name, description: $description }) { club { id name } }\n  }\n": types.CreateClubDocument,
    "\n  query DashboardEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue totalTickets salesState status cancelReason }\n  }\n": types.DashboardEventDocument,
    "\n  query DashboardStats($id: Int!, $bucket: String!) {\n    eventAnalytics(eventId: $id) {\n      totalTickets ticketsRemaining ticketsHeld ticketsSold sellThroughPercent waitlistSize checkedIn checkInRatePercent\n      cancellations expiredHolds\n    }\n    eventSalesOverTime(eventId: $id, bucket: $bucket, first: 100) {\n      nodes { bucketStart ticketsSold }\n    }\n  }\n": types.DashboardStatsDocument,
    "\n  subscription DashboardAvailability($id: Int!) {\n    eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets salesState version }\n  }\n": types.DashboardAvailabilityDocument,
    "\n  query EventForEdit($id: Int!) {\n    eventById(id: $id) {\n      id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent\n      releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes imageUrl\n    }\n  }\n": types.EventForEditDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { event { id name } }\n  }\n": types.CreateEventDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event { id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent ticketsRemaining salesState releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes }\n    }\n  }\n": types.UpdateEventDocument,
    "\n  query ManagedEvents($clubId: Int, $phase: EventPhase, $first: Int!) {\n    upcoming: managedEvents(clubId: $clubId, phase: upcoming, first: 1) { totalCount }\n    past: managedEvents(clubId: $clubId, phase: past, first: 1) { totalCount }\n    cancelled: managedEvents(clubId: $clubId, phase: cancelled, first: 1) { totalCount }\n    managedEvents(clubId: $clubId, phase: $phase, first: $first) {\n      totalCount\n      nodes {\n        id name startsAt venue priceCents totalTickets ticketsRemaining salesState phase cancelledAt cancelReason\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n    }\n  }\n": types.ManagedEventsDocument,
    "\n  query ReleaseFigures($id: Int!) {\n    eventById(id: $id) {\n      id releaseMode\n      queueStats { joined waiting admitted booked lapsed closed }\n      queueDraw { seed orderHash drawnAt entries }\n      lotteryDraw { seed orderHash drawnAt entries winners }\n    }\n  }\n": types.ReleaseFiguresDocument,
    "\n  query AdminCategories {\n    allCategories(orderBy: [NAME_ASC], first: 100) {\n      nodes { id name }\n    }\n  }\n": types.AdminCategoriesDocument,
    "\n  query SignInOptions {\n    collegeSignInUrl\n  }\n": types.SignInOptionsDocument,
    "\n  query MyAccount {\n    me { id name email emailVerified emailVerificationNeeded hasPassword }\n  }\n": types.MyAccountDocument,
    "\n  mutation ResendVerification {\n    resendVerificationEmail(input: {}) { result }\n  }\n": types.ResendVerificationDocument,
    "\n  mutation BookTicket($input: BookTicketInput!) {\n    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }\n  }\n": types.BookTicketDocument,
    "\n  query MyTicketsForEvent {\n    myTickets(first: 100) { nodes { id eventId status } }\n  }\n": types.MyTicketsForEventDocument,
    "\n  mutation AcceptOffer($entryId: Int!) {\n    acceptWaitlistOffer(input: { entryId: $entryId }) { result { id status holdExpiresAt } }\n  }\n": types.AcceptOfferDocument,
    "\n  mutation JoinWaitlist($eventId: Int!) {\n    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }\n  }\n": types.JoinWaitlistDocument,
    "\n  query MyWaitlist($userId: Int!) {\n    allWaitlistEntries(condition: { userId: $userId }, orderBy: [ID_DESC], first: 50) {\n      nodes {\n        id eventId status position offeredAt\n        ticketByTicketId { id status holdExpiresAt priceCents }\n        eventByEventId { id name startsAt }\n      }\n    }\n  }\n": types.MyWaitlistDocument,
    "\n  query HasClubs {\n    myClubs(first: 1) { totalCount }\n  }\n": types.HasClubsDocument,
    "\n  mutation Logout {\n    logout(input: {}) { result }\n  }\n": types.LogoutDocument,
    "\n  mutation CancelEvent($eventId: Int!, $reason: String!) {\n    cancelEvent(input: { eventId: $eventId, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }\n  }\n": types.CancelEventDocument,
    "\n  query Categories {\n    allCategories(orderBy: [NAME_ASC], first: 100) { nodes { id name } }\n  }\n": types.CategoriesDocument,
    "\n  query UpcomingEvents($categoryId: Int, $first: Int!, $after: Cursor) {\n    upcomingEvents(categoryId: $categoryId, first: $first, after: $after) {\n      nodes {\n        id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n": types.UpcomingEventsDocument,
    "\n  query PopularEvents {\n    popularEvents(n: 10, first: 10) { nodes { eventId name ticketsSold totalTickets } }\n  }\n": types.PopularEventsDocument,
    "\n  subscription EventsAvailability($categoryId: Int) {\n    eventsAvailability(categoryId: $categoryId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n": types.EventsAvailabilityDocument,
    "\n  subscription OneEventAvailability($eventId: Int!) {\n    eventAvailability(eventId: $eventId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n": types.OneEventAvailabilityDocument,
    "\n  query ClubEvents($id: Int!) {\n    club(id: $id) {\n      id name description myRole\n    }\n  }\n": types.ClubEventsDocument,
    "\n  mutation UpdateClub($id: Int!, $name: String!, $description: String!) {\n    updateClub(input: { id: $id, name: $name, description: $description }) { club { id name description } }\n  }\n": types.UpdateClubDocument,
    "\n  query ClubMembers($id: Int!) {\n    club(id: $id) {\n      id name myRole\n      members { nodes { userId name email role status } }\n    }\n  }\n": types.ClubMembersDocument,
    "\n  mutation AddClubMember($clubId: Int!, $email: String!, $role: ClubRole!) {\n    addClubMember(input: { clubId: $clubId, email: $email, role: $role }) { member { email status role } }\n  }\n": types.AddClubMemberDocument,
    "\n  mutation UpdateClubMember($clubId: Int!, $userId: Int!, $role: ClubRole!) {\n    updateClubMember(input: { clubId: $clubId, userId: $userId, role: $role }) { member { userId role } }\n  }\n": types.UpdateClubMemberDocument,
    "\n  mutation RemoveClubMember($clubId: Int!, $userId: Int!) {\n    removeClubMember(input: { clubId: $clubId, userId: $userId }) { member { userId } }\n  }\n": types.RemoveClubMemberDocument,
    "\n  mutation CancelClubInvitation($clubId: Int!, $email: String!) {\n    cancelClubInvitation(input: { clubId: $clubId, email: $email }) { member { email } }\n  }\n": types.CancelClubInvitationDocument,
    "\n  query MyClubs {\n    myClubs(first: 100) { nodes { id name description myRole } }\n  }\n": types.MyClubsDocument,
    "\n  query EventClubRole($id: Int!) {\n    eventById(id: $id) { id name club { id name myRole } }\n  }\n": types.EventClubRoleDocument,
    "\n  query ClubRoleOf($id: Int!) {\n    club(id: $id) { id name myRole }\n  }\n": types.ClubRoleOfDocument,
    "\n  query SignedInAs {\n    me { id name email role }\n  }\n": types.SignedInAsDocument,
    "\n  mutation SignUp($input: SignupInput!) {\n    signup(input: $input) { token userId role user { id name email } }\n  }\n": types.SignUpDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) { token userId role user { id name email } }\n  }\n": types.SignInDocument,
    "\n  mutation CloseAccountWithLink($token: String!) {\n    closeAccountWithLink(input: { token: $token }) { deleted }\n  }\n": types.CloseAccountWithLinkDocument,
    "\n  query ClubProfile($id: Int!) {\n    club(id: $id) {\n      id name description\n      upcomingEvents(first: 50) {\n        nodes {\n          id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n          categoryByCategoryId { id name }\n          club { id name }\n        }\n      }\n    }\n  }\n": types.ClubProfileDocument,
    "\n  query EventDetails($id: Int!) {\n    eventById(id: $id) {\n      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState\n      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes\n      status cancelledAt cancelReason imageUrl\n      releaseMode lotteryClosesAt offerMinutes\n      categoryByCategoryId { id name }\n      club { id name myRole }\n    }\n  }\n": types.EventDetailsDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(input: { email: $email }) { accepted }\n  }\n": types.RequestPasswordResetDocument,
    "\n  query MyTickets {\n    myTickets(first: 100) {\n      nodes {\n        id eventId status checkInCode holdExpiresAt priceCents bookedAt confirmedAt cancelledAt checkedInAt\n        eventByEventId { id name startsAt venue status cancelReason }\n      }\n    }\n  }\n": types.MyTicketsDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(input: { token: $token, newPassword: $newPassword }) { result }\n  }\n": types.ResetPasswordDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(input: { token: $token }) { result { id email emailVerified } }\n  }\n": types.VerifyEmailDocument,
    "\n  query MyLotteryEntry($eventId: Int!) {\n    myLotteryEntry(eventId: $eventId) { id state drawRank offerExpiresAt ticketId }\n  }\n": types.MyLotteryEntryDocument,
    "\n  mutation EnterLottery($eventId: Int!) {\n    enterLottery(input: { eventId: $eventId }) { result { id state drawRank offerExpiresAt ticketId } }\n  }\n": types.EnterLotteryDocument,
    "\n  mutation ClaimLotteryWin($eventId: Int!) {\n    claimLotteryWin(input: { eventId: $eventId }) { result { id status holdExpiresAt } }\n  }\n": types.ClaimLotteryWinDocument,
    "\n  subscription QueueEntryLive($eventId: Int!) {\n    queueEntry(eventId: $eventId) { eventId state position admittedUntil }\n  }\n": types.QueueEntryLiveDocument,
    "\n  mutation JoinQueue($eventId: Int!) {\n    joinQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n": types.JoinQueueDocument,
    "\n  mutation LeaveQueue($eventId: Int!) {\n    leaveQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n": types.LeaveQueueDocument,
    "\n  mutation CancelTicket($ticketId: Int!) {\n    cancelTicket(input: { ticketId: $ticketId }) { result { id status cancelledAt } }\n  }\n": types.CancelTicketDocument,
    "\n  mutation PayForTicket($ticketId: Int!) {\n    payForTicket(ticketId: $ticketId) { intentId clientSecret amountCents }\n  }\n": types.PayForTicketDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) { token user { id name email role } }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input) { token user { id name email role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(input: { password: $password }) { deleted }\n  }\n"): (typeof documents)["\n  mutation DeleteAccount($password: String!) {\n    deleteAccount(input: { password: $password }) { deleted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestAccountClosure {\n    requestAccountClosure(input: {}) { result }\n  }\n"): (typeof documents)["\n  mutation RequestAccountClosure {\n    requestAccountClosure(input: {}) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportMyData {\n    exportMyData\n  }\n"): (typeof documents)["\n  query ExportMyData {\n    exportMyData\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySessions {\n    mySessions(first: 100) { nodes { id createdAt userAgent current } }\n  }\n"): (typeof documents)["\n  query MySessions {\n    mySessions(first: 100) { nodes { id createdAt userAgent current } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndSession($id: Int!) {\n    endSession(input: { id: $id }) { result }\n  }\n"): (typeof documents)["\n  mutation EndSession($id: Int!) {\n    endSession(input: { id: $id }) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndAllSessions {\n    endAllSessions(input: {}) { result }\n  }\n"): (typeof documents)["\n  mutation EndAllSessions {\n    endAllSessions(input: {}) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventAttendees($id: Int!, $first: Int!, $offset: Int!) {\n    eventById(id: $id) {\n      id name startsAt venue\n      attendees(first: $first, offset: $offset) {\n        totalCount\n        nodes { ticketId name email status checkedInAt }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EventAttendees($id: Int!, $first: Int!, $offset: Int!) {\n    eventById(id: $id) {\n      id name startsAt venue\n      attendees(first: $first, offset: $offset) {\n        totalCount\n        nodes { ticketId name email status checkedInAt }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCategory($name: String!) {\n    createCategory(input: { category: { name: $name } }) { category { id name } }\n  }\n"): (typeof documents)["\n  mutation CreateCategory($name: String!) {\n    createCategory(input: { category: { name: $name } }) { category { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameCategory($id: Int!, $name: String!) {\n    updateCategoryById(input: { id: $id, categoryPatch: { name: $name } }) { category { id name } }\n  }\n"): (typeof documents)["\n  mutation RenameCategory($id: Int!, $name: String!) {\n    updateCategoryById(input: { id: $id, categoryPatch: { name: $name } }) { category { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCategory($id: Int!) {\n    deleteCategoryById(input: { id: $id }) { category { id } }\n  }\n"): (typeof documents)["\n  mutation DeleteCategory($id: Int!) {\n    deleteCategoryById(input: { id: $id }) { category { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue club { id myRole } }\n  }\n"): (typeof documents)["\n  query DeskEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue club { id myRole } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CheckIn($code: String!, $eventId: Int!) {\n    checkIn(input: { code: $code, eventId: $eventId }) {\n      result { id eventId checkedInAt holderName }\n    }\n  }\n"): (typeof documents)["\n  mutation CheckIn($code: String!, $eventId: Int!) {\n    checkIn(input: { code: $code, eventId: $eventId }) {\n      result { id eventId checkedInAt holderName }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllClubs {\n    clubs(orderBy: [NAME_ASC], first: 100) { totalCount nodes { id name description } }\n  }\n"): (typeof documents)["\n  query AllClubs {\n    clubs(orderBy: [NAME_ASC], first: 100) { totalCount nodes { id name description } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateClub($name: String!, $description: String) {\n    createClub(input: { name: $name, description: $description }) { club { id name } }\n  }\n"): (typeof documents)["\n  mutation CreateClub($name: String!, $description: String) {\n    createClub(input: { name: $name, description: $description }) { club { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue totalTickets salesState status cancelReason }\n  }\n"): (typeof documents)["\n  query DashboardEvent($id: Int!) {\n    eventById(id: $id) { id name startsAt venue totalTickets salesState status cancelReason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardStats($id: Int!, $bucket: String!) {\n    eventAnalytics(eventId: $id) {\n      totalTickets ticketsRemaining ticketsHeld ticketsSold sellThroughPercent waitlistSize checkedIn checkInRatePercent\n      cancellations expiredHolds\n    }\n    eventSalesOverTime(eventId: $id, bucket: $bucket, first: 100) {\n      nodes { bucketStart ticketsSold }\n    }\n  }\n"): (typeof documents)["\n  query DashboardStats($id: Int!, $bucket: String!) {\n    eventAnalytics(eventId: $id) {\n      totalTickets ticketsRemaining ticketsHeld ticketsSold sellThroughPercent waitlistSize checkedIn checkInRatePercent\n      cancellations expiredHolds\n    }\n    eventSalesOverTime(eventId: $id, bucket: $bucket, first: 100) {\n      nodes { bucketStart ticketsSold }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DashboardAvailability($id: Int!) {\n    eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets salesState version }\n  }\n"): (typeof documents)["\n  subscription DashboardAvailability($id: Int!) {\n    eventAvailability(eventId: $id) { eventId ticketsRemaining totalTickets salesState version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventForEdit($id: Int!) {\n    eventById(id: $id) {\n      id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent\n      releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes imageUrl\n    }\n  }\n"): (typeof documents)["\n  query EventForEdit($id: Int!) {\n    eventById(id: $id) {\n      id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent\n      releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes imageUrl\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { event { id name } }\n  }\n"): (typeof documents)["\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) { event { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event { id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent ticketsRemaining salesState releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event { id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent ticketsRemaining salesState releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ManagedEvents($clubId: Int, $phase: EventPhase, $first: Int!) {\n    upcoming: managedEvents(clubId: $clubId, phase: upcoming, first: 1) { totalCount }\n    past: managedEvents(clubId: $clubId, phase: past, first: 1) { totalCount }\n    cancelled: managedEvents(clubId: $clubId, phase: cancelled, first: 1) { totalCount }\n    managedEvents(clubId: $clubId, phase: $phase, first: $first) {\n      totalCount\n      nodes {\n        id name startsAt venue priceCents totalTickets ticketsRemaining salesState phase cancelledAt cancelReason\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ManagedEvents($clubId: Int, $phase: EventPhase, $first: Int!) {\n    upcoming: managedEvents(clubId: $clubId, phase: upcoming, first: 1) { totalCount }\n    past: managedEvents(clubId: $clubId, phase: past, first: 1) { totalCount }\n    cancelled: managedEvents(clubId: $clubId, phase: cancelled, first: 1) { totalCount }\n    managedEvents(clubId: $clubId, phase: $phase, first: $first) {\n      totalCount\n      nodes {\n        id name startsAt venue priceCents totalTickets ticketsRemaining salesState phase cancelledAt cancelReason\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReleaseFigures($id: Int!) {\n    eventById(id: $id) {\n      id releaseMode\n      queueStats { joined waiting admitted booked lapsed closed }\n      queueDraw { seed orderHash drawnAt entries }\n      lotteryDraw { seed orderHash drawnAt entries winners }\n    }\n  }\n"): (typeof documents)["\n  query ReleaseFigures($id: Int!) {\n    eventById(id: $id) {\n      id releaseMode\n      queueStats { joined waiting admitted booked lapsed closed }\n      queueDraw { seed orderHash drawnAt entries }\n      lotteryDraw { seed orderHash drawnAt entries winners }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCategories {\n    allCategories(orderBy: [NAME_ASC], first: 100) {\n      nodes { id name }\n    }\n  }\n"): (typeof documents)["\n  query AdminCategories {\n    allCategories(orderBy: [NAME_ASC], first: 100) {\n      nodes { id name }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInOptions {\n    collegeSignInUrl\n  }\n"): (typeof documents)["\n  query SignInOptions {\n    collegeSignInUrl\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccount {\n    me { id name email emailVerified emailVerificationNeeded hasPassword }\n  }\n"): (typeof documents)["\n  query MyAccount {\n    me { id name email emailVerified emailVerificationNeeded hasPassword }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerification {\n    resendVerificationEmail(input: {}) { result }\n  }\n"): (typeof documents)["\n  mutation ResendVerification {\n    resendVerificationEmail(input: {}) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BookTicket($input: BookTicketInput!) {\n    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }\n  }\n"): (typeof documents)["\n  mutation BookTicket($input: BookTicketInput!) {\n    bookTicket(input: $input) { ticketId status replayed holdExpiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTicketsForEvent {\n    myTickets(first: 100) { nodes { id eventId status } }\n  }\n"): (typeof documents)["\n  query MyTicketsForEvent {\n    myTickets(first: 100) { nodes { id eventId status } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptOffer($entryId: Int!) {\n    acceptWaitlistOffer(input: { entryId: $entryId }) { result { id status holdExpiresAt } }\n  }\n"): (typeof documents)["\n  mutation AcceptOffer($entryId: Int!) {\n    acceptWaitlistOffer(input: { entryId: $entryId }) { result { id status holdExpiresAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinWaitlist($eventId: Int!) {\n    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }\n  }\n"): (typeof documents)["\n  mutation JoinWaitlist($eventId: Int!) {\n    joinWaitlist(input: { eventId: $eventId }) { result { id status position } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyWaitlist($userId: Int!) {\n    allWaitlistEntries(condition: { userId: $userId }, orderBy: [ID_DESC], first: 50) {\n      nodes {\n        id eventId status position offeredAt\n        ticketByTicketId { id status holdExpiresAt priceCents }\n        eventByEventId { id name startsAt }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyWaitlist($userId: Int!) {\n    allWaitlistEntries(condition: { userId: $userId }, orderBy: [ID_DESC], first: 50) {\n      nodes {\n        id eventId status position offeredAt\n        ticketByTicketId { id status holdExpiresAt priceCents }\n        eventByEventId { id name startsAt }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HasClubs {\n    myClubs(first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query HasClubs {\n    myClubs(first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout(input: {}) { result }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout(input: {}) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelEvent($eventId: Int!, $reason: String!) {\n    cancelEvent(input: { eventId: $eventId, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }\n  }\n"): (typeof documents)["\n  mutation CancelEvent($eventId: Int!, $reason: String!) {\n    cancelEvent(input: { eventId: $eventId, reason: $reason }) { event { id status cancelledAt cancelReason salesState ticketsRemaining } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Categories {\n    allCategories(orderBy: [NAME_ASC], first: 100) { nodes { id name } }\n  }\n"): (typeof documents)["\n  query Categories {\n    allCategories(orderBy: [NAME_ASC], first: 100) { nodes { id name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UpcomingEvents($categoryId: Int, $first: Int!, $after: Cursor) {\n    upcomingEvents(categoryId: $categoryId, first: $first, after: $after) {\n      nodes {\n        id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"): (typeof documents)["\n  query UpcomingEvents($categoryId: Int, $first: Int!, $after: Cursor) {\n    upcomingEvents(categoryId: $categoryId, first: $first, after: $after) {\n      nodes {\n        id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n        categoryByCategoryId { id name }\n        club { id name }\n      }\n      pageInfo { hasNextPage endCursor }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PopularEvents {\n    popularEvents(n: 10, first: 10) { nodes { eventId name ticketsSold totalTickets } }\n  }\n"): (typeof documents)["\n  query PopularEvents {\n    popularEvents(n: 10, first: 10) { nodes { eventId name ticketsSold totalTickets } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EventsAvailability($categoryId: Int) {\n    eventsAvailability(categoryId: $categoryId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n"): (typeof documents)["\n  subscription EventsAvailability($categoryId: Int) {\n    eventsAvailability(categoryId: $categoryId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OneEventAvailability($eventId: Int!) {\n    eventAvailability(eventId: $eventId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n"): (typeof documents)["\n  subscription OneEventAvailability($eventId: Int!) {\n    eventAvailability(eventId: $eventId) {\n      eventId ticketsRemaining totalTickets salesState soldOut version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClubEvents($id: Int!) {\n    club(id: $id) {\n      id name description myRole\n    }\n  }\n"): (typeof documents)["\n  query ClubEvents($id: Int!) {\n    club(id: $id) {\n      id name description myRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClub($id: Int!, $name: String!, $description: String!) {\n    updateClub(input: { id: $id, name: $name, description: $description }) { club { id name description } }\n  }\n"): (typeof documents)["\n  mutation UpdateClub($id: Int!, $name: String!, $description: String!) {\n    updateClub(input: { id: $id, name: $name, description: $description }) { club { id name description } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClubMembers($id: Int!) {\n    club(id: $id) {\n      id name myRole\n      members { nodes { userId name email role status } }\n    }\n  }\n"): (typeof documents)["\n  query ClubMembers($id: Int!) {\n    club(id: $id) {\n      id name myRole\n      members { nodes { userId name email role status } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddClubMember($clubId: Int!, $email: String!, $role: ClubRole!) {\n    addClubMember(input: { clubId: $clubId, email: $email, role: $role }) { member { email status role } }\n  }\n"): (typeof documents)["\n  mutation AddClubMember($clubId: Int!, $email: String!, $role: ClubRole!) {\n    addClubMember(input: { clubId: $clubId, email: $email, role: $role }) { member { email status role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateClubMember($clubId: Int!, $userId: Int!, $role: ClubRole!) {\n    updateClubMember(input: { clubId: $clubId, userId: $userId, role: $role }) { member { userId role } }\n  }\n"): (typeof documents)["\n  mutation UpdateClubMember($clubId: Int!, $userId: Int!, $role: ClubRole!) {\n    updateClubMember(input: { clubId: $clubId, userId: $userId, role: $role }) { member { userId role } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveClubMember($clubId: Int!, $userId: Int!) {\n    removeClubMember(input: { clubId: $clubId, userId: $userId }) { member { userId } }\n  }\n"): (typeof documents)["\n  mutation RemoveClubMember($clubId: Int!, $userId: Int!) {\n    removeClubMember(input: { clubId: $clubId, userId: $userId }) { member { userId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelClubInvitation($clubId: Int!, $email: String!) {\n    cancelClubInvitation(input: { clubId: $clubId, email: $email }) { member { email } }\n  }\n"): (typeof documents)["\n  mutation CancelClubInvitation($clubId: Int!, $email: String!) {\n    cancelClubInvitation(input: { clubId: $clubId, email: $email }) { member { email } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyClubs {\n    myClubs(first: 100) { nodes { id name description myRole } }\n  }\n"): (typeof documents)["\n  query MyClubs {\n    myClubs(first: 100) { nodes { id name description myRole } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventClubRole($id: Int!) {\n    eventById(id: $id) { id name club { id name myRole } }\n  }\n"): (typeof documents)["\n  query EventClubRole($id: Int!) {\n    eventById(id: $id) { id name club { id name myRole } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClubRoleOf($id: Int!) {\n    club(id: $id) { id name myRole }\n  }\n"): (typeof documents)["\n  query ClubRoleOf($id: Int!) {\n    club(id: $id) { id name myRole }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignedInAs {\n    me { id name email role }\n  }\n"): (typeof documents)["\n  query SignedInAs {\n    me { id name email role }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignupInput!) {\n    signup(input: $input) { token userId role user { id name email } }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignupInput!) {\n    signup(input: $input) { token userId role user { id name email } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) { token userId role user { id name email } }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) { token userId role user { id name email } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseAccountWithLink($token: String!) {\n    closeAccountWithLink(input: { token: $token }) { deleted }\n  }\n"): (typeof documents)["\n  mutation CloseAccountWithLink($token: String!) {\n    closeAccountWithLink(input: { token: $token }) { deleted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClubProfile($id: Int!) {\n    club(id: $id) {\n      id name description\n      upcomingEvents(first: 50) {\n        nodes {\n          id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n          categoryByCategoryId { id name }\n          club { id name }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ClubProfile($id: Int!) {\n    club(id: $id) {\n      id name description\n      upcomingEvents(first: 50) {\n        nodes {\n          id name startsAt venue priceCents ticketsRemaining totalTickets salesState availabilityVersion imageUrl\n          categoryByCategoryId { id name }\n          club { id name }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventDetails($id: Int!) {\n    eventById(id: $id) {\n      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState\n      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes\n      status cancelledAt cancelReason imageUrl\n      releaseMode lotteryClosesAt offerMinutes\n      categoryByCategoryId { id name }\n      club { id name myRole }\n    }\n  }\n"): (typeof documents)["\n  query EventDetails($id: Int!) {\n    eventById(id: $id) {\n      id name description startsAt venue priceCents ticketsRemaining totalTickets salesState\n      salesStart salesEnd availabilityVersion maxTicketsPerStudent holdMinutes\n      status cancelledAt cancelReason imageUrl\n      releaseMode lotteryClosesAt offerMinutes\n      categoryByCategoryId { id name }\n      club { id name myRole }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(input: { email: $email }) { accepted }\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(input: { email: $email }) { accepted }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyTickets {\n    myTickets(first: 100) {\n      nodes {\n        id eventId status checkInCode holdExpiresAt priceCents bookedAt confirmedAt cancelledAt checkedInAt\n        eventByEventId { id name startsAt venue status cancelReason }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyTickets {\n    myTickets(first: 100) {\n      nodes {\n        id eventId status checkInCode holdExpiresAt priceCents bookedAt confirmedAt cancelledAt checkedInAt\n        eventByEventId { id name startsAt venue status cancelReason }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(input: { token: $token, newPassword: $newPassword }) { result }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(input: { token: $token, newPassword: $newPassword }) { result }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(input: { token: $token }) { result { id email emailVerified } }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(input: { token: $token }) { result { id email emailVerified } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyLotteryEntry($eventId: Int!) {\n    myLotteryEntry(eventId: $eventId) { id state drawRank offerExpiresAt ticketId }\n  }\n"): (typeof documents)["\n  query MyLotteryEntry($eventId: Int!) {\n    myLotteryEntry(eventId: $eventId) { id state drawRank offerExpiresAt ticketId }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnterLottery($eventId: Int!) {\n    enterLottery(input: { eventId: $eventId }) { result { id state drawRank offerExpiresAt ticketId } }\n  }\n"): (typeof documents)["\n  mutation EnterLottery($eventId: Int!) {\n    enterLottery(input: { eventId: $eventId }) { result { id state drawRank offerExpiresAt ticketId } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimLotteryWin($eventId: Int!) {\n    claimLotteryWin(input: { eventId: $eventId }) { result { id status holdExpiresAt } }\n  }\n"): (typeof documents)["\n  mutation ClaimLotteryWin($eventId: Int!) {\n    claimLotteryWin(input: { eventId: $eventId }) { result { id status holdExpiresAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription QueueEntryLive($eventId: Int!) {\n    queueEntry(eventId: $eventId) { eventId state position admittedUntil }\n  }\n"): (typeof documents)["\n  subscription QueueEntryLive($eventId: Int!) {\n    queueEntry(eventId: $eventId) { eventId state position admittedUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinQueue($eventId: Int!) {\n    joinQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n"): (typeof documents)["\n  mutation JoinQueue($eventId: Int!) {\n    joinQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveQueue($eventId: Int!) {\n    leaveQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n"): (typeof documents)["\n  mutation LeaveQueue($eventId: Int!) {\n    leaveQueue(input: { eventId: $eventId }) { result { eventId state position admittedUntil } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTicket($ticketId: Int!) {\n    cancelTicket(input: { ticketId: $ticketId }) { result { id status cancelledAt } }\n  }\n"): (typeof documents)["\n  mutation CancelTicket($ticketId: Int!) {\n    cancelTicket(input: { ticketId: $ticketId }) { result { id status cancelledAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayForTicket($ticketId: Int!) {\n    payForTicket(ticketId: $ticketId) { intentId clientSecret amountCents }\n  }\n"): (typeof documents)["\n  mutation PayForTicket($ticketId: Int!) {\n    payForTicket(ticketId: $ticketId) { intentId clientSecret amountCents }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;