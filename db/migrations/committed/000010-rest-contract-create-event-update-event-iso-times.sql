--! Previous: sha1:4c3d7fdf524ec6e8fb6abf4922ec98cacc0b8c6e
--! Hash: sha1:e73c4da288b8c1bdcbb5c7afbf56821f12ad6216
--! Message: REST contract: create_event and update_event for both APIs, ISO 8601 times in emails and messages

--------------------------------------------------------------------------------
-- Events are created and changed through two functions that both APIs call
-- (REST POST/PATCH /events, GraphQL createEvent/updateEvent), so defaults and
-- rules live here once. Each rule names the field and the allowed range.
-- Admin-only: execute is granted to admins alone. Security definer because the
-- checks raise through app_private.fail, which request roles cannot reach.
--------------------------------------------------------------------------------

-- The generated insert/update mutations give way to the two functions.
comment on table app_public.events is E'@behavior -insert -update -delete\nSomething students can book tickets for.';

create function app_private.check_event_fields(
  name text, description text, venue text, total_tickets int, max_tickets_per_student int,
  category_id int, price_cents int, hold_minutes int
) returns void language plpgsql stable as $$
begin
  if name is not null and length(btrim(name)) not between 1 and 200 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'name must be 1 to 200 characters.', 'name');
  end if;
  if description is not null and length(description) > 5000 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'description must be at most 5000 characters.', 'description');
  end if;
  if venue is not null and length(btrim(venue)) not between 1 and 200 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'venue must be 1 to 200 characters.', 'venue');
  end if;
  if total_tickets is not null and total_tickets not between 1 and 100000 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'total_tickets must be between 1 and 100000.', 'total_tickets');
  end if;
  if max_tickets_per_student is not null and max_tickets_per_student not between 1 and 10 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'max_tickets_per_student must be between 1 and 10.',
      'max_tickets_per_student');
  end if;
  if price_cents is not null and price_cents not between 0 and 1000000 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'price_cents must be between 0 and 1000000.', 'price_cents');
  end if;
  if hold_minutes is not null and hold_minutes not between 1 and 1440 then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'hold_minutes must be between 1 and 1440.', 'hold_minutes');
  end if;
  if category_id is not null and not exists (select from app_public.categories c where c.id = check_event_fields.category_id) then
    perform app_private.fail('TK400', 'INVALID_INPUT', format('category_id %s names no category.', category_id), 'category_id');
  end if;
end $$;

-- The sales window against the event's start (the rule is events_sales_window_valid,
-- 000009), checked here first so the answer names the field at fault.
create function app_private.check_sales_window(starts_at timestamptz, sales_start timestamptz, sales_end timestamptz)
returns void language plpgsql immutable as $$
begin
  if sales_end is not null and sales_end > starts_at then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'sales_end must not be after the event starts.', 'sales_end');
  end if;
  if sales_start is not null and sales_start >= coalesce(sales_end, starts_at) then
    perform app_private.fail('TK400', 'INVALID_INPUT',
      'sales_start must be before sales_end (or, without sales_end, before the event starts).', 'sales_start');
  end if;
end $$;

create function app_public.create_event(
  name text, venue text, starts_at timestamptz, total_tickets int,
  description text default '', max_tickets_per_student int default 1, category_id int default null,
  price_cents int default 0, hold_minutes int default 10,
  sales_start timestamptz default null, sales_end timestamptz default null
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
begin
  if name is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'name is required.', 'name'); end if;
  if venue is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'venue is required.', 'venue'); end if;
  if starts_at is null then perform app_private.fail('TK400', 'INVALID_INPUT', 'starts_at is required.', 'starts_at'); end if;
  if total_tickets is null then
    perform app_private.fail('TK400', 'INVALID_INPUT', 'total_tickets is required.', 'total_tickets');
  end if;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);
  perform app_private.check_sales_window(starts_at, sales_start, sales_end);
  -- A null optional argument (GraphQL sends null for a field left out) takes the default.
  insert into app_public.events (name, description, venue, starts_at, total_tickets, max_tickets_per_student,
                                 category_id, price_cents, hold_minutes, sales_start, sales_end)
  values (create_event.name, coalesce(create_event.description, ''), create_event.venue, create_event.starts_at,
          create_event.total_tickets, coalesce(create_event.max_tickets_per_student, 1), create_event.category_id,
          coalesce(create_event.price_cents, 0), coalesce(create_event.hold_minutes, 10),
          create_event.sales_start, create_event.sales_end)
  returning * into v_event;
  return v_event;
end $$;
comment on function app_public.create_event(text, text, timestamptz, int, text, int, int, int, int, timestamptz, timestamptz) is
  E'@resultFieldName event\nCreate an event (admins). Defaults: description empty, 1 ticket per student, no category, free, 10-minute holds, on sale from now until it starts.';
grant execute on function app_public.create_event(text, text, timestamptz, int, text, int, int, int, int, timestamptz, timestamptz)
  to ticketing_admin;

-- A null argument leaves its field unchanged; `clear` lists optional fields to set
-- to null (category_id, sales_start, sales_end), since null alone cannot say "remove".
create function app_public.update_event(
  id int, name text default null, description text default null, venue text default null,
  starts_at timestamptz default null, total_tickets int default null, max_tickets_per_student int default null,
  category_id int default null, price_cents int default null, hold_minutes int default null,
  sales_start timestamptz default null, sales_end timestamptz default null, clear text[] default null
) returns app_public.events
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
  v_field text;
begin
  -- GraphQL clients name fields as GraphQL does (categoryId), REST as REST does (category_id).
  clear := array(select lower(regexp_replace(c, '([a-z])([A-Z])', '\1_\2', 'g')) from unnest(clear) c);
  foreach v_field in array coalesce(clear, '{}') loop
    if v_field is null or v_field not in ('category_id', 'sales_start', 'sales_end') then
      perform app_private.fail('TK400', 'INVALID_INPUT',
        format('clear may name category_id, sales_start or sales_end, not %s.', coalesce(v_field, 'null')), 'clear');
    end if;
    if (v_field = 'category_id' and category_id is not null) or (v_field = 'sales_start' and sales_start is not null)
       or (v_field = 'sales_end' and sales_end is not null) then
      perform app_private.fail('TK400', 'INVALID_INPUT', format('%s cannot be both set and cleared.', v_field), v_field);
    end if;
  end loop;
  perform app_private.check_event_fields(name, description, venue, total_tickets, max_tickets_per_student,
    category_id, price_cents, hold_minutes);

  select * into v_event from app_public.events e where e.id = update_event.id for update;
  if v_event.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No such event.');
  end if;
  perform app_private.check_sales_window(
    coalesce(starts_at, v_event.starts_at),
    case when 'sales_start' = any (clear) then null else coalesce(sales_start, v_event.sales_start) end,
    case when 'sales_end' = any (clear) then null else coalesce(sales_end, v_event.sales_end) end);

  update app_public.events e set
    name = coalesce(update_event.name, e.name),
    description = coalesce(update_event.description, e.description),
    venue = coalesce(update_event.venue, e.venue),
    starts_at = coalesce(update_event.starts_at, e.starts_at),
    total_tickets = coalesce(update_event.total_tickets, e.total_tickets),
    max_tickets_per_student = coalesce(update_event.max_tickets_per_student, e.max_tickets_per_student),
    category_id = case when 'category_id' = any (clear) then null else coalesce(update_event.category_id, e.category_id) end,
    price_cents = coalesce(update_event.price_cents, e.price_cents),
    hold_minutes = coalesce(update_event.hold_minutes, e.hold_minutes),
    sales_start = case when 'sales_start' = any (clear) then null else coalesce(update_event.sales_start, e.sales_start) end,
    sales_end = case when 'sales_end' = any (clear) then null else coalesce(update_event.sales_end, e.sales_end) end
  where e.id = update_event.id
  returning * into v_event;
  return v_event;
end $$;
comment on function app_public.update_event(int, text, text, text, timestamptz, int, int, int, int, int, timestamptz, timestamptz, text[]) is
  E'@resultFieldName event\nChange an event (admins). Fields left null stay as they are; `clear` lists optional fields to remove (category_id, sales_start, sales_end).';
grant execute on function app_public.update_event(int, text, text, text, timestamptz, int, int, int, int, int, timestamptz, timestamptz, text[])
  to ticketing_admin;

--------------------------------------------------------------------------------
-- Times in emails and error messages: ISO 8601 UTC with Z, as in the API.
--------------------------------------------------------------------------------

create or replace function app_private.confirm_ticket(ticket_id int) returns app_public.tickets
language plpgsql volatile as $$
declare
  v_ticket app_public.tickets;
  v_event app_public.events;
begin
  update app_public.tickets t
  set status = 'confirmed', hold_expires_at = null, check_in_code = app_private.new_check_in_code(),
      paid_at = case when t.price_cents > 0 then now() end
  where t.id = confirm_ticket.ticket_id
  returning * into v_ticket;
  select * into v_event from app_public.events e where e.id = v_ticket.event_id;
  perform app_private.enqueue_email('booking_confirmed', v_ticket.user_id, 'booking_confirmed:' || v_ticket.id,
    format('Your ticket for %s', v_event.name),
    format(E'You are going to %s at %s on %s.\nCheck-in code: %s', v_event.name, v_event.venue,
           to_char(v_event.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), v_ticket.check_in_code));
  return v_ticket;
end $$;

create or replace function app_public.check_in(code text) returns app_public.tickets
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_ticket app_public.tickets;
begin
  if app_public.current_app_role() <> 'admin' then
    perform app_private.fail('TK403', 'FORBIDDEN', 'Only admins can check tickets in.');
  end if;
  select * into v_ticket from app_public.tickets t where t.check_in_code = upper(btrim(check_in.code)) for update;
  if v_ticket.id is null then
    perform app_private.fail('TK404', 'NOT_FOUND', 'No ticket has this code.');
  end if;
  if v_ticket.status <> 'confirmed' then
    perform app_private.fail('TK409', 'TICKET_NOT_VALID', format('This ticket is %s, not valid for entry.', v_ticket.status));
  end if;
  if v_ticket.checked_in_at is not null then
    perform app_private.fail('TK409', 'ALREADY_CHECKED_IN',
      format('Already checked in at %s.', to_char(v_ticket.checked_in_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end if;
  update app_public.tickets t set checked_in_at = now() where t.id = v_ticket.id returning * into v_ticket;
  return v_ticket;
end $$;

create or replace function app_private.events_notify_holders() returns trigger
language plpgsql security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_user int;
begin
  for v_user in
    select distinct t.user_id from app_public.tickets t
    where t.event_id = new.id and t.status in ('pending', 'offered', 'confirmed')
  loop
    perform app_private.enqueue_email('event_changed', v_user,
      format('event_changed:%s:%s:%s', new.id, extract(epoch from new.updated_at), v_user),
      format('%s has changed', new.name),
      format('%s is now at %s on %s.', new.name, new.venue,
             to_char(new.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')));
  end loop;
  return null;
end $$;
