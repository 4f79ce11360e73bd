--------------------------------------------------------------------------------
-- Email outbox. One row per message; the dedupe key makes "the same message"
-- unique, and the send_email job (src/worker/) marks it sent, so a retried job
-- never sends it twice.
--------------------------------------------------------------------------------

create table app_private.outbox (
  id         bigint generated always as identity primary key,
  dedupe_key text not null unique,
  kind       text not null,
  -- The recipient: an account (its current address), or an address with no account yet (to_email: club invitations).
  user_id    int references app_public.users on delete cascade,
  subject    text not null,
  body       text not null,
  created_at timestamptz not null default now(),
  sent_at    timestamptz,
  to_email   citext,
  -- The event the message is about: the worker attaches its calendar file (src/worker/tasks.ts).
  event_id   int references app_public.events on delete set null,
  constraint outbox_recipient_valid check ((user_id is null) <> (to_email is null))
);
alter table app_private.outbox enable row level security;
-- The outbox keeps every message ever sent, so finding the unsent ones (the
-- outbox lag at /metrics, read at every scrape: src/metrics/database.ts) must
-- not scan it. A partial index holds only the unsent: it stays as small as the
-- backlog, whatever the history.
create index outbox_unsent_idx on app_private.outbox (created_at) where sent_at is null;

-- Add a message to the outbox (once per dedupe key); returns its id, or null
-- if that message already exists. With `event_id`, the message carries the
-- event's calendar file (.ics) as it is when the message is sent.
create function app_private.add_to_outbox(kind text, user_id int, dedupe_key text, subject text, body text,
                                          event_id int default null)
returns bigint
language sql volatile as $$
  insert into app_private.outbox (kind, user_id, dedupe_key, subject, body, event_id)
  values (kind, user_id, dedupe_key, subject, body, event_id)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id
$$;

-- A moment as an email says it to a person: "Mon 14 Dec 2026, 19:30 UTC".
create function app_private.email_moment(at timestamptz) returns text
language sql immutable parallel safe as $$
  select to_char(at at time zone 'UTC', 'Dy DD Mon YYYY, HH24:MI "UTC"')
$$;

-- One message, sent by its own job. (Booking batches add many messages and
-- queue one send_email job for all of them.)
create function app_private.enqueue_email(kind text, user_id int, dedupe_key text, subject text, body text,
                                          event_id int default null)
returns void
language plpgsql volatile as $$
declare
  v_id bigint := app_private.add_to_outbox(kind, user_id, dedupe_key, subject, body, event_id);
begin
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $$;

-- One message to an address that has no account (yet): a club invitation.
create function app_private.enqueue_email_to(kind text, email text, dedupe_key text, subject text, body text)
returns void
language plpgsql volatile as $$
declare
  v_id bigint;
begin
  insert into app_private.outbox (kind, to_email, dedupe_key, subject, body)
  values (kind, email, dedupe_key, subject, body)
  on conflict on constraint outbox_dedupe_key_key do nothing
  returning id into v_id;
  if v_id is not null then
    perform graphile_worker.add_job('send_email', json_build_object('outbox_ids', json_build_array(v_id)));
  end if;
end $$;
