import { useState } from "react";

/**
 * Add to calendar (the event's .ics file, which every calendar app imports)
 * and Share (the system's share sheet where there is one, else the link is
 * copied), each saying what happened.
 */
export function EventShare({ event }: { event: { id: number; name: string } }) {
  const [said, setSaid] = useState("");
  const link = `${window.location.origin}/events/${event.id}`;
  const share = async () => {
    try {
      if (navigator.share) {
        await navigator.share({ title: event.name, url: link });
        return;
      }
      await navigator.clipboard.writeText(link);
      setSaid("Link copied.");
    } catch (error) {
      // Closing the share sheet is not a failure; a refused clipboard is.
      if ((error as Error).name !== "AbortError") setSaid(`Copy this link: ${link}`);
    }
  };
  return (
    <div className="event-share">
      <a className="button secondary" href={`/events/${event.id}/calendar.ics`} download={`event-${event.id}.ics`}>
        Add to calendar
      </a>
      <button type="button" className="secondary" onClick={share}>Share</button>
      <span role="status" className="field__hint">{said}</span>
    </div>
  );
}
