// Closed-loop load: `concurrency` workers, each sending its next request as
// soon as the previous one is answered. Bounded twice: by time and by count
// (the count is the supply of fresh students, so a fast server cannot run out
// of distinct tokens unnoticed: `exhausted` says when that happened).
import type { Answer } from "./http-client.ts";
import { round, summarize, type LatencySummary } from "./stats.ts";

export interface LoadResult {
  requests: number;
  /** Answers per outcome code, e.g. { OK: 9000, SOLD_OUT: 3 }. */
  outcomes: Record<string, number>;
  /** Wall time from the first request to the last answer, ms. */
  elapsedMs: number;
  /** All answers per second. */
  perSecond: number;
  /** Answers with outcome `expect` per second. */
  expectedPerSecond: number;
  latencyMs: LatencySummary;
  /** True when the count bound, not the time bound, ended the run. */
  exhausted: boolean;
}

export async function closedLoop(options: {
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  /** Send request number i (0-based, unique across workers). */
  send: (i: number) => Promise<Answer>;
  /** The outcome this load is about (OK for bookings, SOLD_OUT for refusals). */
  expect: string;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const outcomes: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const stopAt = started + options.durationMs;
  let lastAnswer = started;

  const worker = async () => {
    while (performance.now() < stopAt && next < options.maxRequests) {
      const answer = await options.send(next++);
      latencies.push(answer.ms);
      outcomes[answer.outcome] = (outcomes[answer.outcome] ?? 0) + 1;
      lastAnswer = Math.max(lastAnswer, answer.at);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));

  const elapsedMs = lastAnswer - started;
  const seconds = elapsedMs / 1000;
  return {
    requests: latencies.length,
    outcomes,
    elapsedMs: round(elapsedMs),
    perSecond: round(latencies.length / seconds, 1),
    expectedPerSecond: round((outcomes[options.expect] ?? 0) / seconds, 1),
    latencyMs: summarize(latencies),
    exhausted: next >= options.maxRequests,
  };
}
