import { useId, useState } from "react";
import { useSession } from "../auth/SessionContext.tsx";

/** What the server takes (PUT /events/{id}/image); it checks the content again, and the size. */
const ACCEPT = "image/png,image/jpeg,image/webp";
const MAX_MB = 5;

/**
 * The event's picture on its edit page (admins; the club's owners and managers: the
 * server decides). Choosing a file uploads it at once; the server crops it to 16:9
 * and re-encodes it, and what it made is shown here as students will see it.
 */
export function EventImageField({ eventId, imageUrl }: { eventId: number; imageUrl: string | null | undefined }) {
  const { session } = useSession();
  const [current, setCurrent] = useState(imageUrl ?? null);
  const [status, setStatus] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const inputId = useId();
  async function upload(file: File | undefined) {
    if (!file) return;
    setStatus(null);
    if (file.size > MAX_MB * 1024 * 1024) {
      setStatus({ kind: "error", text: `An event image may be at most ${MAX_MB} MB.` });
      return;
    }
    setBusy(true);
    try {
      const response = await fetch(`/events/${eventId}/image`, {
        method: "PUT",
        headers: { "content-type": file.type || "application/octet-stream", ...(session ? { authorization: `Bearer ${session.token}` } : {}) },
        body: file,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        setStatus({ kind: "error", text: body?.error?.message ?? `The upload failed (${response.status}).` });
        return;
      }
      setCurrent(body.image_url);
      setStatus({ kind: "ok", text: "Image saved: this is how cards and the event's page show it." });
    } catch {
      setStatus({ kind: "error", text: "The server could not be reached. Check your connection and try again." });
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="card event-image-field" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`}>Image</h2>
      {current
        ? <img className="event-image-field__preview" src={current} alt="The event's current image" />
        : <p className="field__hint">No image yet: cards show a coloured placeholder.</p>}
      <div className="field">
        <label htmlFor={inputId}>{current ? "Replace the image" : "Add an image"}</label>
        <input id={inputId} type="file" accept={ACCEPT} disabled={busy} aria-describedby={`${inputId}-hint`}
          onChange={(e) => void upload(e.target.files?.[0])} />
        <p id={`${inputId}-hint`} className="field__hint">PNG, JPEG or WebP, at most {MAX_MB} MB; cropped to 16:9.</p>
      </div>
      <div role="status">
        {busy && <p>Uploading…</p>}
        {status && <p className={status.kind === "ok" ? "notice" : "field__error"}>{status.text}</p>}
      </div>
    </section>
  );
}
