import { useEffect, useRef, useState, type FormEvent } from "react";
import { useMutation, useQuery } from "urql";
import { graphql } from "../gql";
import { errorCode } from "../graphql/errors.ts";
import { formatTime } from "./format.ts";
import { Link } from "../router.tsx";

const DeskEvent = graphql(`
  query DeskEvent($id: Int!) {
    eventById(id: $id) { id name startsAt venue club { id myRole } }
  }
`);

// The desk names its event: the database refuses a ticket for another event
// (WRONG_EVENT) without using it up. holderName is the name of the ticket just
// admitted, which the database shows door volunteers too (never the users table).
const CheckIn = graphql(`
  mutation CheckIn($code: String!, $eventId: Int!) {
    checkIn(input: { code: $code, eventId: $eventId }) {
      result { id eventId checkedInAt holderName }
    }
  }
`);

type Answer =
  | { kind: "admitted"; code: string; name?: string | null }
  | { kind: "already"; code: string; at?: string }
  | { kind: "invalid"; code: string; reason: string }
  | { kind: "wrong-event"; code: string; reason: string }
  | { kind: "refused"; code: string; reason: string }
  | { kind: "error"; code: string; reason: string };

/** Codes as the database stores them: upper case, no spaces around. */
function normalise(code: string): string {
  return code.trim().toUpperCase();
}

/** The time in "Already checked in at 2026-11-25T14:05:00Z." */
function checkedInAt(message: string | undefined): string | undefined {
  return message?.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/)?.[0];
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
declare global {
  interface Window {
    BarcodeDetector?: new (options?: { formats: string[] }) => BarcodeDetectorLike;
  }
}

/** `base`: /admin for admins, /organiser for a club's staff (door staff get no dashboard link: the desk is their page). */
export function CheckInDesk({ eventId, base = "/admin" }: { eventId: number; base?: string }) {
  const [{ data }] = useQuery({ query: DeskEvent, variables: { id: eventId } });
  const [checking, checkIn] = useMutation(CheckIn);
  const [code, setCode] = useState("");
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const event = data?.eventById;
  const dashboard = base === "/admin" || event?.club?.myRole === "manager" || event?.club?.myRole === "owner";

  async function admit(raw: string) {
    const value = normalise(raw);
    if (!value || busy) return;
    setBusy(true);
    try {
      const result = await checkIn({ code: value, eventId });
      if (result.data?.checkIn?.result) {
        setAnswer({ kind: "admitted", code: value, name: result.data.checkIn.result.holderName });
        return;
      }
      const message = result.error?.graphQLErrors[0]?.message;
      switch (errorCode(result.error)) {
        case "WRONG_EVENT":
          setAnswer({ kind: "wrong-event", code: value, reason: message ?? "This ticket is for another event." });
          break;
        case "ALREADY_CHECKED_IN":
          setAnswer({ kind: "already", code: value, at: checkedInAt(message) });
          break;
        case "NOT_FOUND":
          setAnswer({ kind: "invalid", code: value, reason: "No ticket has this code." });
          break;
        // The desk's own right, asked again on every code: a door volunteer
        // removed from the club (or demoted admin) is refused at the next scan.
        case "FORBIDDEN":
          setAnswer({ kind: "refused", code: value, reason: message ?? "You may not check in for this event." });
          break;
        case "TICKET_NOT_VALID":
          setAnswer({ kind: "invalid", code: value, reason: message ?? "This ticket is not valid for entry." });
          break;
        default:
          setAnswer({ kind: "error", code: value, reason: message ?? result.error?.message ?? "The check-in did not go through." });
      }
    } finally {
      setBusy(false);
      setCode("");
      input.current?.focus();
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    void admit(code);
  }

  return (
    <section aria-labelledby="desk-title" className="desk">
      <h1 id="desk-title">Check-in desk</h1>
      {event && (
        <p>
          <strong>{event.name}</strong> · {event.venue}
          {dashboard && <> · <Link href={`${base}/events/${eventId}`}>Dashboard</Link></>}
        </p>
      )}
      <form onSubmit={submit} className="desk__form">
        <div className="field">
          <label htmlFor="ticket-code">Ticket code</label>
          <input
            id="ticket-code"
            ref={input}
            name="code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            autoFocus
            placeholder="TKT-…"
          />
        </div>
        <button type="submit" disabled={busy || checking.fetching || !code.trim()}>
          {busy ? "Checking…" : "Check in"}
        </button>
      </form>
      <Scanner onCode={(value) => void admit(value)} paused={busy} />
      <div className="desk__answer-region" role="status" aria-live="assertive" aria-atomic="true">
        {answer && <AnswerPanel answer={answer} />}
      </div>
    </section>
  );
}

function AnswerPanel({ answer }: { answer: Answer }) {
  switch (answer.kind) {
    case "admitted":
      return (
        <div className="desk__answer desk__answer--ok">
          <p className="desk__verdict">✓ Admitted</p>
          <p>{answer.name ? `${answer.name} · ` : ""}{answer.code}</p>
        </div>
      );
    case "already":
      return (
        <div className="desk__answer desk__answer--warn">
          <p className="desk__verdict">Already admitted{answer.at ? ` at ${formatTime(answer.at)}` : ""}</p>
          <p>{answer.code} was used before. Do not let in twice.</p>
        </div>
      );
    case "wrong-event":
      return (
        <div className="desk__answer desk__answer--bad">
          <p className="desk__verdict">✗ Wrong event</p>
          <p>{answer.code}: {answer.reason}</p>
        </div>
      );
    case "invalid":
      return (
        <div className="desk__answer desk__answer--bad">
          <p className="desk__verdict">✗ Not a valid ticket</p>
          <p>{answer.code}: {answer.reason}</p>
        </div>
      );
    case "refused":
      return (
        <div className="desk__answer desk__answer--bad">
          <p className="desk__verdict">✗ Not allowed to check in</p>
          <p>{answer.reason} Your role may have been removed or changed: ask the club's owner. {answer.code} was not used.</p>
        </div>
      );
    case "error":
      return (
        <div className="desk__answer desk__answer--bad">
          <p className="desk__verdict">Could not check in</p>
          <p>{answer.reason} Try again.</p>
        </div>
      );
  }
}

/**
 * Camera scanning with the browser's own BarcodeDetector (Chromium on Android,
 * ChromeOS, macOS); elsewhere the desk types or pastes codes (a USB scanner
 * types too). The student's QR code holds the check-in code itself.
 */
function Scanner({ onCode, paused }: { onCode: (code: string) => void; paused: boolean }) {
  const supported = typeof window !== "undefined" && "BarcodeDetector" in window && !!navigator.mediaDevices?.getUserMedia;
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const latest = useRef({ onCode, paused });
  latest.current = { onCode, paused };

  useEffect(() => {
    if (!on || !window.BarcodeDetector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    let lastCode = "";
    let lastAt = 0;
    const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(async () => {
          if (!video.current || latest.current.paused || video.current.readyState < 2) return;
          try {
            const [found] = await detector.detect(video.current);
            // The same code held in front of the camera is read once every 3 s, not 4 times a second.
            if (found?.rawValue && (found.rawValue !== lastCode || Date.now() - lastAt > 3000)) {
              lastCode = found.rawValue;
              lastAt = Date.now();
              latest.current.onCode(found.rawValue);
            }
          } catch {
            // A frame that could not be read: try the next one.
          }
        }, 250);
      })
      .catch((error: Error) => {
        setProblem(error.name === "NotAllowedError" ? "Camera access was refused. Type the code instead." : `The camera could not start: ${error.message}`);
        setOn(false);
      });
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [on]);

  if (!supported) {
    return <p className="field__hint">This browser cannot scan QR codes with the camera: type the code, or use a scanner that types it.</p>;
  }
  return (
    <div className="desk__scanner">
      <button type="button" className="secondary" aria-pressed={on} onClick={() => { setProblem(null); setOn((v) => !v); }}>
        {on ? "Stop camera" : "Scan with camera"}
      </button>
      {problem && <p role="alert" className="error-box">{problem}</p>}
      {on && <video ref={video} className="desk__video" muted playsInline aria-label="Camera view for scanning ticket QR codes" />}
    </div>
  );
}
