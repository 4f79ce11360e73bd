import { dateBadge } from "../lib/format.ts";

// The picture of an event: its image when it has one, else a designed
// placeholder (a colour of its category, its date as a calendar leaf) so a
// list without images still looks intended. Decorative: the name and the date
// are in the text beside it.
const hues = [262, 200, 340, 24, 150, 45, 295, 180];

export function EventArt({ event, size }: {
  event: { id: number; startsAt: string; categoryByCategoryId?: { id?: number; name: string } | null; imageUrl?: string | null };
  size: "card" | "page";
}) {
  const { day, month } = dateBadge(event.startsAt);
  const key = event.categoryByCategoryId?.id ?? event.id;
  const hue = hues[key % hues.length];
  return (
    <div className={`event-art event-art--${size}`} style={{ "--hue": hue } as React.CSSProperties} aria-hidden="true">
      {event.imageUrl ? (
        // The card takes the smaller size the server made (640×360), the page the larger (1280×720).
        <img src={size === "card" ? `${event.imageUrl}&size=list` : event.imageUrl} alt=""
          loading={size === "card" ? "lazy" : "eager"} decoding="async" />
      ) : (
        <span className="event-art__category">{event.categoryByCategoryId?.name ?? "Event"}</span>
      )}
      <span className="event-art__date"><span>{month}</span><strong>{day}</strong></span>
    </div>
  );
}
