import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { apiErrors, type ApiErrors } from "../graphql/errors.ts";
import { FormField } from "../components/FormField.tsx";
import { ErrorList } from "../components/ErrorList.tsx";
import { Link, navigate } from "../router.tsx";
import { useCategories } from "./useCategories.ts";
import { RELEASE_DEFAULTS, ReleaseFields, type ReleaseFieldValues } from "./ReleaseFields.tsx";
import { EventImageField } from "./EventImageField.tsx";

const EventForEdit = graphql(`
  query EventForEdit($id: Int!) {
    eventById(id: $id) {
      id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent
      releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes imageUrl
    }
  }
`);

const CreateEvent = graphql(`
  mutation CreateEvent($input: CreateEventInput!) {
    createEvent(input: $input) { event { id name } }
  }
`);

const UpdateEvent = graphql(`
  mutation UpdateEvent($input: UpdateEventInput!) {
    updateEvent(input: $input) {
      event { id name description venue startsAt totalTickets categoryId salesStart salesEnd priceCents holdMinutes maxTicketsPerStudent ticketsRemaining salesState releaseMode queueOpensAt admissionMinutes lotteryClosesAt offerMinutes }
    }
  }
`);

interface Fields extends ReleaseFieldValues {
  name: string;
  description: string;
  venue: string;
  startsAt: string; // datetime-local, the admin's own time zone
  totalTickets: string;
  categoryId: string;
  salesStart: string;
  salesEnd: string;
  price: string; // in currency units, e.g. "12.50"
  holdMinutes: string;
  maxTicketsPerStudent: string;
}

const EMPTY: Fields = {
  name: "", description: "", venue: "", startsAt: "", totalTickets: "100", categoryId: "", salesStart: "", salesEnd: "",
  price: "0", holdMinutes: "10", maxTicketsPerStudent: "1", ...RELEASE_DEFAULTS,
};

/** "2026-11-25T14:05" in the browser's zone, as <input type="datetime-local"> wants it. */
function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function toIso(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** Whole numbers only; anything else is sent as-is for the API to name (null here: the form says why). */
function int(value: string): number | null {
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : null;
}

/** Checks the browser can make before sending; the API checks everything again and its words win. */
function localErrors(f: Fields): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!f.name.trim()) errors.name = "Give the event a name.";
  if (!f.venue.trim()) errors.venue = "Say where it takes place.";
  if (!toIso(f.startsAt)) errors.startsAt = "Choose the date and time it starts.";
  if (int(f.totalTickets) === null) errors.totalTickets = "Enter a whole number of tickets.";
  if (!/^\s*\d+(\.\d{1,2})?\s*$/.test(f.price)) errors.priceCents = "Enter a price such as 0 (free) or 12.50.";
  if (int(f.holdMinutes) === null) errors.holdMinutes = "Enter a whole number of minutes.";
  if (int(f.maxTicketsPerStudent) === null) errors.maxTicketsPerStudent = "Enter a whole number of tickets.";
  if (f.releaseMode === "queue" && int(f.admissionMinutes) === null) errors.admissionMinutes = "Enter a whole number of minutes.";
  if (f.releaseMode === "lottery" && int(f.offerMinutes) === null) errors.offerMinutes = "Enter a whole number of minutes.";
  return errors;
}

/**
 * `base` is where the pages live: /admin for admins, /organiser for a club's staff.
 * `clubId`: a new event is the club's (its owners and managers may create it).
 */
export function EventFormPage({ eventId, base = "/admin", clubId }: { eventId?: number; base?: string; clubId?: number }) {
  const editing = eventId !== undefined;
  const [{ data, fetching, error: loadError }] = useQuery({
    query: EventForEdit,
    variables: { id: eventId ?? 0 },
    pause: !editing,
    requestPolicy: "network-only",
  });
  const categories = useCategories();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [loaded, setLoaded] = useState(!editing);
  const [errors, setErrors] = useState<ApiErrors>({ byField: {}, general: [] });
  const [saved, setSaved] = useState<string | null>(null);
  const [created, createEvent] = useMutation(CreateEvent);
  const [updated, updateEvent] = useMutation(UpdateEvent);
  const busy = created.fetching || updated.fetching;

  const original = data?.eventById;
  useEffect(() => {
    if (!original || loaded) return;
    setFields({
      name: original.name,
      description: original.description,
      venue: original.venue,
      startsAt: toLocalInput(original.startsAt),
      totalTickets: String(original.totalTickets),
      categoryId: original.categoryId ? String(original.categoryId) : "",
      salesStart: toLocalInput(original.salesStart),
      salesEnd: toLocalInput(original.salesEnd),
      price: (original.priceCents / 100).toFixed(2),
      holdMinutes: String(original.holdMinutes),
      maxTicketsPerStudent: String(original.maxTicketsPerStudent),
      releaseMode: original.releaseMode,
      queueOpensAt: toLocalInput(original.queueOpensAt),
      admissionMinutes: String(original.admissionMinutes),
      lotteryClosesAt: toLocalInput(original.lotteryClosesAt),
      offerMinutes: String(original.offerMinutes),
    });
    setLoaded(true);
  }, [original, loaded]);

  const set = (name: keyof Fields) => (e: { target: { value: string } }) => {
    setFields((f) => ({ ...f, [name]: e.target.value }));
    setSaved(null);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (busy) return;
    setSaved(null);
    const local = localErrors(fields);
    if (Object.keys(local).length) {
      setErrors({ byField: local, general: [] });
      focusFirstInvalid();
      return;
    }
    const values = {
      name: fields.name.trim(),
      description: fields.description,
      venue: fields.venue.trim(),
      startsAt: toIso(fields.startsAt),
      totalTickets: int(fields.totalTickets),
      priceCents: Math.round(Number(fields.price) * 100),
      holdMinutes: int(fields.holdMinutes),
      maxTicketsPerStudent: int(fields.maxTicketsPerStudent),
      categoryId: fields.categoryId ? Number(fields.categoryId) : null,
      salesStart: toIso(fields.salesStart),
      salesEnd: toIso(fields.salesEnd),
      releaseMode: fields.releaseMode,
      // Only the chosen mode's fields are sent; the others keep their values.
      queueOpensAt: fields.releaseMode === "queue" ? toIso(fields.queueOpensAt) : null,
      admissionMinutes: fields.releaseMode === "queue" ? int(fields.admissionMinutes) : null,
      lotteryClosesAt: fields.releaseMode === "lottery" ? toIso(fields.lotteryClosesAt) : null,
      offerMinutes: fields.releaseMode === "lottery" ? int(fields.offerMinutes) : null,
    };
    if (!editing) {
      const result = await createEvent({ input: clubId ? { ...values, clubId } : values });
      const problems = apiErrors(result.error);
      setErrors(problems);
      const event = result.data?.createEvent?.event;
      if (event) navigate(`${base}/events/${event.id}`);
      else focusFirstInvalid();
      return;
    }
    // Optional fields left empty are cleared (clearing an unset one is harmless); null elsewhere means "unchanged".
    const clearable = ["categoryId", "salesStart", "salesEnd", ...(fields.releaseMode === "queue" ? (["queueOpensAt"] as const) : [])] as const;
    const clear = clearable
      .filter((name) => values[name] === null)
      .map((name) => ({ categoryId: "category_id", salesStart: "sales_start", salesEnd: "sales_end", queueOpensAt: "queue_opens_at" })[name]);
    const result = await updateEvent({ input: { id: eventId, ...values, ...(clear.length ? { clear } : {}) } });
    setErrors(apiErrors(result.error));
    if (result.data?.updateEvent?.event) setSaved("Saved.");
    else focusFirstInvalid();
  }

  if (editing && fetching && !data) return <p role="status">Loading event…</p>;
  if (editing && loadError && !data) return <p role="alert" className="error-box">Could not load this event: {loadError.message}</p>;
  if (editing && data && !original) {
    return (
      <section>
        <h1>Event not found</h1>
        <p><Link href={base}>Back to events</Link></p>
      </section>
    );
  }

  const err = errors.byField;
  return (
    <section aria-labelledby="event-form-title">
      <h1 id="event-form-title">{editing ? `Edit ${original?.name ?? "event"}` : "New event"}</h1>
      {editing && (
        <p className="actions">
          <Link href={`${base}/events/${eventId}`}>Dashboard</Link>
          <Link href={`${base}/events/${eventId}/check-in`}>Check-in desk</Link>
        </p>
      )}
      {editing && original && <EventImageField eventId={eventId} imageUrl={original.imageUrl} />}
      <form onSubmit={submit} noValidate className="admin-form">
        <ErrorList messages={errors.general} />
        <FormField label="Name" name="name" value={fields.name} onChange={set("name")} error={err.name} required maxLength={200} />
        <div className={err.description ? "field field--invalid" : "field"}>
          <label htmlFor="event-description">Description</label>
          <textarea
            id="event-description"
            name="description"
            rows={4}
            value={fields.description}
            onChange={set("description")}
            aria-invalid={err.description ? true : undefined}
            aria-describedby={err.description ? "event-description-error" : undefined}
          />
          {err.description && <p id="event-description-error" className="field__error">{err.description}</p>}
        </div>
        <FormField label="Venue" name="venue" value={fields.venue} onChange={set("venue")} error={err.venue} required maxLength={200} />
        <FormField
          label="Starts at"
          name="startsAt"
          type="datetime-local"
          value={fields.startsAt}
          onChange={set("startsAt")}
          error={err.startsAt}
          hint="In your time zone."
          required
        />
        <div className="admin-form__row">
          <FormField label="Total tickets" name="totalTickets" type="number" inputMode="numeric" min={1} step={1}
            value={fields.totalTickets} onChange={set("totalTickets")} error={err.totalTickets} required />
          <FormField label="Price (USD)" name="price" type="number" inputMode="decimal" min={0} step={0.01}
            value={fields.price} onChange={set("price")} error={err.priceCents} hint="0 for a free event." required />
        </div>
        <div className={err.categoryId ? "field field--invalid" : "field"}>
          <label htmlFor="event-category">Category</label>
          <select
            id="event-category"
            name="categoryId"
            value={fields.categoryId}
            onChange={set("categoryId")}
            aria-invalid={err.categoryId ? true : undefined}
            aria-describedby={err.categoryId ? "event-category-error" : undefined}
          >
            <option value="">No category</option>
            {categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {err.categoryId && <p id="event-category-error" className="field__error">{err.categoryId}</p>}
        </div>
        <fieldset className="admin-form__group">
          <legend>Sales window</legend>
          <p className="field__hint">Leave empty to sell from now until the event starts.</p>
          <div className="admin-form__row">
            <FormField label="Sales open" name="salesStart" type="datetime-local" value={fields.salesStart}
              onChange={set("salesStart")} error={err.salesStart} />
            <FormField label="Sales close" name="salesEnd" type="datetime-local" value={fields.salesEnd}
              onChange={set("salesEnd")} error={err.salesEnd} />
          </div>
        </fieldset>
        <div className="admin-form__row">
          <FormField label="Hold minutes" name="holdMinutes" type="number" inputMode="numeric" min={1} step={1}
            value={fields.holdMinutes} onChange={set("holdMinutes")} error={err.holdMinutes}
            hint="How long a paid ticket is held while the student pays." required />
          <FormField label="Tickets per student" name="maxTicketsPerStudent" type="number" inputMode="numeric" min={1} step={1}
            value={fields.maxTicketsPerStudent} onChange={set("maxTicketsPerStudent")} error={err.maxTicketsPerStudent} required />
        </div>
        <ReleaseFields values={fields} set={set} errors={err} />
        <div className="actions">
          <button type="submit" disabled={busy} aria-disabled={busy}>
            {editing ? (busy ? "Saving…" : "Save") : busy ? "Creating…" : "Create event"}
          </button>
          <p role="status" className="admin-saved">{saved}</p>
        </div>
      </form>
    </section>
  );
}

function focusFirstInvalid() {
  // After React has rendered the messages: the first field in error takes focus.
  requestAnimationFrame(() => document.querySelector<HTMLElement>('.admin-form [aria-invalid="true"]')?.focus());
}
