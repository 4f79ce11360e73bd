// Run the real graphile-worker tasks once over every job that is due, with a
// mailer that records what it sends (the product's file/SMTP mailers write
// elsewhere; this one lets a test count deliveries).
import { Logger, runOnce } from "graphile-worker";
import type { Mailer, OutgoingEmail } from "../../src/notifications/mailer.ts";
import type { PaymentProvider } from "../../src/payments/provider.ts";
import { makeTaskList } from "../../src/worker/tasks.ts";
import type { TestDatabase } from "./db.ts";

export class RecordingMailer implements Mailer {
  readonly kind = "recording";
  readonly sent: OutgoingEmail[] = [];
  async send(email: OutgoingEmail) {
    this.sent.push(email);
  }
}

export async function runJobs(db: TestDatabase, mailer: Mailer = new RecordingMailer(), payments?: PaymentProvider) {
  await runOnce({ connectionString: db.ownerUrl, taskList: makeTaskList(mailer, payments), logger: quietLogger });
  // graphile-worker records a failed job's failure (and its next attempt) after
  // runOnce has returned: wait for it, so the next step sees the job as it is.
  const locked = async () =>
    (await db.owner.query("select count(*)::int as n from graphile_worker.jobs where locked_at is not null")).rows[0].n as number;
  for (let i = 0; i < 500 && (await locked()) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if ((await locked()) > 0) throw new Error("a job is still locked 5 s after runOnce returned");
}

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error") console.error(message);
});

/** Time passes for a hold: its deadline is now, and its scheduled expiry job is due now. */
export async function expireHold(db: TestDatabase, ticketId: number) {
  await db.owner.query("update app_public.tickets set hold_expires_at = now() - interval '1 second' where id = $1", [ticketId]);
  await db.owner.query("select graphile_worker.add_job('expire_holds', job_key := $1)", [`expire_holds:${ticketId}`]);
}
