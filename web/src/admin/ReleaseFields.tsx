import type { ChangeEvent } from "react";
import { FormField } from "../components/FormField.tsx";

// How the event's seats are released (the event form's part): first come, a
// waiting room (shuffled at "Sales open"), or a lottery (drawn when entries close).

export interface ReleaseFieldValues {
  releaseMode: "first_come" | "queue" | "lottery";
  queueOpensAt: string;
  admissionMinutes: string;
  lotteryClosesAt: string;
  offerMinutes: string;
}

export const RELEASE_DEFAULTS: ReleaseFieldValues = {
  releaseMode: "first_come", queueOpensAt: "", admissionMinutes: "10", lotteryClosesAt: "", offerMinutes: "1440",
};

interface Props {
  values: ReleaseFieldValues;
  set: (name: keyof ReleaseFieldValues) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => void;
  errors: Record<string, string>;
}

export function ReleaseFields({ values, set, errors }: Props) {
  return (
    <fieldset className="admin-form__group">
      <legend>Release</legend>
      <div className={errors.releaseMode ? "field field--invalid" : "field"}>
        <label htmlFor="event-release-mode">How seats are released</label>
        <select id="event-release-mode" name="releaseMode" value={values.releaseMode} onChange={set("releaseMode")}
          aria-describedby="event-release-mode-hint">
          <option value="first_come">First come, first served</option>
          <option value="queue">Waiting room (a random order at sales open)</option>
          <option value="lottery">Lottery (a draw when entries close)</option>
        </select>
        <p id="event-release-mode-hint" className="field__hint">
          {values.releaseMode === "queue" && "Everyone who joins before sales open is shuffled into one random order; later joiners follow in arrival order. Needs “Sales open”."}
          {values.releaseMode === "lottery" && "Everyone who enters before the close has the same chance; unclaimed wins pass down the draw's order."}
          {values.releaseMode === "first_come" && "The first bookings win."}
        </p>
        {errors.releaseMode && <p className="field__error">{errors.releaseMode}</p>}
      </div>
      {values.releaseMode === "queue" && (
        <div className="admin-form__row">
          <FormField label="Queue opens" name="queueOpensAt" type="datetime-local" value={values.queueOpensAt}
            onChange={set("queueOpensAt")} error={errors.queueOpensAt} hint="Empty: students may join at once." />
          <FormField label="Minutes to book when admitted" name="admissionMinutes" type="number" inputMode="numeric" min={1} step={1}
            value={values.admissionMinutes} onChange={set("admissionMinutes")} error={errors.admissionMinutes} required />
        </div>
      )}
      {values.releaseMode === "lottery" && (
        <div className="admin-form__row">
          <FormField label="Entries close (the draw)" name="lotteryClosesAt" type="datetime-local" value={values.lotteryClosesAt}
            onChange={set("lotteryClosesAt")} error={errors.lotteryClosesAt} required />
          <FormField label="Minutes a winner has to claim" name="offerMinutes" type="number" inputMode="numeric" min={1} step={1}
            value={values.offerMinutes} onChange={set("offerMinutes")} error={errors.offerMinutes} required />
        </div>
      )}
    </fieldset>
  );
}
