import { stateLabel, type DisplayState } from "../lib/salesState.ts";

export function StateBadge({ state }: { state: DisplayState }) {
  return <span className={`badge badge--${state}`}>{stateLabel[state]}</span>;
}
