--! Previous: sha1:da0a427d88b941e49bee55be9467592e3e20d142
--! Hash: sha1:3935f7122ea304830caa4bc062c7233bae33545c
--! Message: Unsent outbox messages have an index of their own

-- The outbox keeps every message ever sent, so finding the unsent ones (the
-- outbox lag at /metrics, read at every scrape: src/metrics/database.ts) must
-- not scan it. A partial index holds only the unsent: it stays as small as the
-- backlog, whatever the history.
create index outbox_unsent_idx on app_private.outbox (created_at) where sent_at is null;
