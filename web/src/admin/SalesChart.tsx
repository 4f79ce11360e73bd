import { useEffect, useRef } from "react";
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";

// Only the chart.js parts used here (tree-shaken): bars per period, a line for the running total.
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

export type Bucket = "minute" | "hour" | "day" | "week";

interface Point {
  bucketStart?: string | null;
  ticketsSold?: number | null;
}

const FORMATS: Record<Bucket, Intl.DateTimeFormatOptions> = {
  minute: { hour: "2-digit", minute: "2-digit" },
  hour: { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  day: { month: "short", day: "numeric" },
  week: { month: "short", day: "numeric" },
};

/** Tickets sold per period and in total, drawn by chart.js; the same numbers in a table for screen readers. */
export function SalesChart({ buckets, bucket }: { buckets: Point[]; bucket: Bucket }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const format = new Intl.DateTimeFormat(undefined, FORMATS[bucket]);
  const rows = buckets
    .filter((b) => b.bucketStart)
    .map((b) => ({ label: format.format(new Date(b.bucketStart!)), sold: b.ticketsSold ?? 0 }));
  let running = 0;
  const totals = rows.map((r) => (running += r.sold));
  const labels = rows.map((r) => r.label);
  const sold = rows.map((r) => r.sold);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type: "bar",
      data: { labels: [], datasets: [] },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  const key = JSON.stringify([labels, sold]);
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    c.data.datasets = [
      { type: "bar", label: "Sold in period", data: sold, backgroundColor: "#1f5fbf" },
      { type: "line", label: "Sold in total", data: totals, borderColor: "#1b7a3d", backgroundColor: "#1b7a3d", pointRadius: 2 },
    ];
    c.update();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const summary = rows.length
    ? `Tickets sold over time: ${totals[totals.length - 1]} in total over ${rows.length} periods.`
    : "No tickets sold yet.";
  return (
    <figure className="sales-chart">
      <div className="sales-chart__canvas">
        <canvas ref={canvas} role="img" aria-label={summary} />
      </div>
      <figcaption>{summary}</figcaption>
      {rows.length > 0 && (
        <details>
          <summary>Sales as a table</summary>
          <table>
            <thead><tr><th scope="col">Period</th><th scope="col">Sold</th><th scope="col">Total</th></tr></thead>
            <tbody>
              {rows.map((r, i) => <tr key={i}><td>{r.label}</td><td>{r.sold}</td><td>{totals[i]}</td></tr>)}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
