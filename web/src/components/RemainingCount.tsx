/**
 * The live seat count. aria-live="polite" makes screen readers announce each
 * change (100 → 99 → 98) without interrupting; aria-atomic reads the whole phrase.
 */
export function RemainingCount({ remaining, total }: { remaining: number; total: number }) {
  return (
    <span aria-live="polite" aria-atomic="true">
      <span className="remaining" data-testid="remaining">{remaining}</span> {remaining === 1 ? "ticket" : "tickets"} left
      <span className="muted"> of {total}</span>
    </span>
  );
}
