// A real SMTP server on a free local port that keeps every message it is sent
// (parsed with mailparser, as a mail client would read it): the production
// mailer (nodemailer over SMTP) delivers to it in the tests.
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { makeMailer, type Mailer } from "../../src/notifications/mailer.ts";
import { log } from "../../src/log.ts";

export interface CapturedEmail {
  to: string;
  from: string;
  subject: string;
  text: string;
  messageId: string;
  /** As a mail client reads them: the Content-Type with its parameters (`text/calendar; method=PUBLISH`), the decoded text. */
  attachments: { filename: string; contentType: string; params: Record<string, string>; content: string }[];
}

export interface SmtpCapture {
  /** smtp://127.0.0.1:<port> */
  url: string;
  messages: CapturedEmail[];
  /** The production mailer (SMTP transport), pointed at this server. */
  mailer: Mailer;
  /** Messages to `address`, oldest first. */
  to(address: string): CapturedEmail[];
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
          messages.push({
            to: to.map((a) => a.address ?? "").join(", "),
            from: mail.from?.value[0]?.address ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            messageId: mail.messageId ?? "",
            attachments: mail.attachments.map((a) => {
              const header = a.headers.get("content-type") as { value: string; params?: Record<string, string> } | undefined;
              return { filename: a.filename ?? "", contentType: a.contentType, params: header?.params ?? {}, content: a.content.toString("utf8") };
            }),
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  return {
    url,
    messages,
    mailer: makeMailer({ smtpUrl: url, from: "Campus Tickets <tickets@college.edu>", outboxDir: "unused", outboxLimits: { maxFiles: 1, maxBytes: 65_536 }, log }),
    to: (address) => messages.filter((m) => m.to.toLowerCase() === address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The token of the first link to `url` (a whole URL, or its path: /verify-email) in an email. */
export function linkToken(email: CapturedEmail, url: string): string {
  const escaped = url.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const match = email.text.match(new RegExp(`${escaped}\\?token=([0-9a-f]+)`));
  if (!match) throw new Error(`no ${url} link in: ${email.text}`);
  return match[1]!;
}
