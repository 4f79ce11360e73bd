-- db/schema/: the current definition of every table, function, trigger, policy
-- and grant, one file per concern, in the order they load. See db/README.md.
--   psql -v ON_ERROR_STOP=1 -1 -f db/schema/all.sql <database>   builds a database from them
\ir foundation.sql
\ir errors.sql
\ir throttling.sql
\ir auth.sql
\ir clubs.sql
\ir events.sql
\ir outbox.sql
\ir identity.sql
\ir tickets.sql
\ir availability.sql
\ir booking.sql
\ir waitlist.sql
\ir release.sql
\ir queue.sql
\ir lottery.sql
\ir payments.sql
\ir cancellation.sql
\ir images.sql
\ir analytics.sql
