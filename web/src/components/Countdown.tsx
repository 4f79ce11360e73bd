import { useEffect, useState } from "react";
import { formatCountdown, formatTime } from "../lib/format.ts";

/** Ticks every second; role="timer" keeps screen readers from reading every tick. */
export function Countdown({ until, label, onExpired }: { until: string; label: string; onExpired?: () => void }) {
  const deadline = new Date(until).getTime();
  const [now, setNow] = useState(() => Date.now());
  const left = deadline - now;
  useEffect(() => {
    if (left <= 0) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (left <= 0) onExpired?.();
  }, [left <= 0]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <p>
      {label} <time dateTime={until}>{formatTime(until)}</time>:{" "}
      {left > 0 ? (
        <span role="timer" aria-label={`${formatCountdown(left)} left`}>{formatCountdown(left)} left</span>
      ) : (
        <strong>expired</strong>
      )}
    </p>
  );
}
