--------------------------------------------------------------------------------
-- Event images: one per event, in two sizes (the list's card and the event's
-- page), stored here. The server decodes what a client uploads and re-encodes it
-- (src/images/), so nothing a client sent is ever served as it was; this file
-- keeps the result and says who may change it: admins and the owners and
-- managers of the event's club (club_permits 'run_events', clubs.sql), the
-- people who may edit the event. Anyone may read an image.
--
-- An image is known by its etag (a hash of its bytes, made by the server): the
-- event's image_url names it, so the URL of a new image is a new URL and an old
-- one may be cached for good (GET /events/{id}/image).
--------------------------------------------------------------------------------

create table app_private.event_images (
  event_id     int primary key references app_public.events on delete cascade,
  etag         text not null,
  content_type text not null,
  list_image   bytea not null,
  page_image   bytea not null,
  updated_at   timestamptz not null default now(),
  updated_by   int references app_public.users on delete set null,
  constraint event_images_etag_valid check (etag ~ '^[0-9a-f]{16,64}$'),
  constraint event_images_content_type_valid check (content_type in ('image/webp', 'image/jpeg', 'image/png')),
  -- What the server makes is far smaller (it resizes); this bounds what any writer can store.
  constraint event_images_list_image_valid check (length(list_image) between 1 and 2000000),
  constraint event_images_page_image_valid check (length(page_image) between 1 and 5000000)
);
alter table app_private.event_images enable row level security;

-- The event's image as a URL (relative to the API), or null: the etag in it makes
-- each image's URL its own. Used by REST's events and by GraphQL's Event.imageUrl.
create function app_hidden.event_image_url(event_id int) returns text
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select format('/events/%s/image?v=%s', i.event_id, i.etag) from app_private.event_images i
  where i.event_id = event_image_url.event_id
$$;
comment on function app_hidden.event_image_url(integer) is 'The event''s image (page size; add &size=list for the card), or null.';
grant execute on function app_hidden.event_image_url(integer) to ticketing_anonymous;

create function app_public.events_image_url(e app_public.events) returns text
language sql stable as $$
  select app_hidden.event_image_url(e.id)
$$;
comment on function app_public.events_image_url(app_public.events) is
  'The event''s image, relative to the API (the page''s size; add &size=list for a card''s), or null: show a placeholder. Set with PUT /events/{id}/image.';
grant execute on function app_public.events_image_url(app_public.events) to ticketing_anonymous;

-- One size of the event's image, and what the server needs to serve it.
create function app_hidden.event_image(event_id int, size text)
returns table (etag text, content_type text, bytes bytea)
language sql stable security definer set search_path = pg_catalog, public, pg_temp as $$
  select i.etag, i.content_type, case event_image.size when 'list' then i.list_image else i.page_image end
  from app_private.event_images i where i.event_id = event_image.event_id
$$;
grant execute on function app_hidden.event_image(integer, text) to ticketing_anonymous;

-- Set (or replace) the event's image, made by the server from what was uploaded.
-- Returns the event's new image URL.
create function app_hidden.set_event_image(event_id int, etag text, content_type text, list_image bytea, page_image bytea)
returns text
language plpgsql volatile security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  v_event app_public.events;
begin
  -- Events are public: NOT_FOUND before FORBIDDEN tells nobody anything new.
  select * into v_event from app_public.events e where e.id = set_event_image.event_id;
  if v_event.id is null then
    perform app_private.fail('NOT_FOUND:event');
  end if;
  if not app_hidden.club_permits('run_events', v_event.club_id) then
    perform app_private.fail('FORBIDDEN:event_image');
  end if;
  if v_event.status = 'cancelled' then
    perform app_private.fail('EVENT_CANCELLED:edit');
  end if;
  insert into app_private.event_images (event_id, etag, content_type, list_image, page_image, updated_by)
  values (v_event.id, set_event_image.etag, set_event_image.content_type, set_event_image.list_image,
          set_event_image.page_image, app_public.current_user_id())
  on conflict on constraint event_images_pkey do update
    set etag = excluded.etag, content_type = excluded.content_type, list_image = excluded.list_image,
        page_image = excluded.page_image, updated_at = now(), updated_by = excluded.updated_by;
  return app_hidden.event_image_url(v_event.id);
end $$;
comment on function app_hidden.set_event_image(integer, text, text, bytea, bytea) is
  'Set the event''s image, as the server re-encoded it (admins; a club''s event: its owners and managers).';
grant execute on function app_hidden.set_event_image(integer, text, text, bytea, bytea) to ticketing_student;
