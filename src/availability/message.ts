// The one availability message: what the database sends with pg_notify and
// returns as an event's current value (event_availability_json). Its shape is
// the SQL type app_hidden.availability_message (db/schema/availability.sql),
// written into src/generated/vocabulary.ts as this interface and as GraphQL's
// EventAvailability fields. Subscribers get it as it is; the booking fast path
// reads the sales window from it.
export type { AvailabilityMessage } from "../generated/vocabulary.ts";
