// Where outbox messages go. With SMTP_URL: SMTP through nodemailer. Without:
// one file per message under DATA_DIR/outbox (and a log line), the directory
// bounded by MAIL_OUTBOX_MAX_FILES and MAIL_OUTBOX_MAX_BYTES (file-outbox.ts).
// Every message carries its outbox id as Message-ID, so even a resend after a
// crash between "sent" and "marked sent" is recognisably the same message.
import { join } from "node:path";
import nodemailer from "nodemailer";
import { log, type Logger } from "../log.ts";
import { FileOutbox, type FileOutboxLimits } from "./file-outbox.ts";

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Files sent with it (an event's calendar file). */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  /** The full media type, parameters included: `text/calendar; charset=utf-8; method=PUBLISH`. */
  contentType: string;
  content: string;
}

export interface Mailer {
  readonly kind: string;
  send(email: OutgoingEmail): Promise<void>;
}

const messageId = (id: string) => `<outbox-${id}@ticketing>`;

export function makeMailer(options: {
  smtpUrl?: string;
  from: string;
  outboxDir: string;
  outboxLimits: FileOutboxLimits;
  log: Logger;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: "smtp",
      async send(email) {
        await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          messageId: messageId(email.id),
          attachments: email.attachments?.map(({ filename, contentType, content }) => ({ filename, contentType, content })),
        });
      },
    };
  }
  const outbox = new FileOutbox(options.outboxDir, options.outboxLimits, options.log);
  return {
    kind: "file",
    async send(email) {
      const name = `${email.id}.eml`;
      const headers = [`Message-ID: ${messageId(email.id)}`, `From: ${options.from}`, `To: ${email.to}`, `Subject: ${email.subject}`];
      // Attachments follow the text, each under a line naming it (a file to read, not a MIME message).
      const attached = (email.attachments ?? []).map((a) => `\n--- attached: ${a.filename} (${a.contentType}) ---\n${a.content}`).join("");
      await outbox.write(name, `${headers.join("\n")}\n\n${email.text}\n${attached}`); // same file on a resend
      const file = join(options.outboxDir, name);
      options.log.info({ email: email.id, to: email.to, subject: email.subject, file }, "email written (development transport)");
    },
  };
}

/** SMTP_URL, MAIL_FROM, DATA_DIR, MAIL_OUTBOX_* (src/config.ts). */
export interface MailSettings {
  SMTP_URL?: string;
  MAIL_FROM: string;
  DATA_DIR: string;
  MAIL_OUTBOX_MAX_FILES: number;
  MAIL_OUTBOX_MAX_BYTES: number;
}

export function mailerFor(config: MailSettings): Mailer {
  return makeMailer({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    outboxDir: join(config.DATA_DIR, "outbox"),
    outboxLimits: { maxFiles: config.MAIL_OUTBOX_MAX_FILES, maxBytes: config.MAIL_OUTBOX_MAX_BYTES },
    log,
  });
}
