// The GraphQL mutations that end sessions (logout, endSession, endAllSessions,
// resetPassword: generated from their SQL functions) answer only once this instance refuses
// the ended tokens itself, as their REST twins do (EndedSessions.caughtUp).
import { sideEffect } from "postgraphile/grafast";
import { wrapPlans, type PlanWrapperFn } from "postgraphile/utils";
import type { EndedSessions } from "../auth/ended-sessions.ts";

/** Mutations after which some session may have ended. */
export const SESSION_ENDING_MUTATIONS = ["logout", "endSession", "endAllSessions", "resetPassword"];

export function makeSessionEndingPlugin(endedSessions: Pick<EndedSessions, "caughtUp">, mutations = SESSION_ENDING_MUTATIONS) {
  const afterCommit: PlanWrapperFn = (plan) => {
    const $payload = plan();
    sideEffect($payload, () => endedSessions.caughtUp());
    return $payload;
  };
  return wrapPlans({ Mutation: Object.fromEntries(mutations.map((name) => [name, afterCommit])) }, { name: "SessionEndingPlugin" });
}
