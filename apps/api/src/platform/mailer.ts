import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Kept beside the message in the dev outbox so admins see only their organization's mail. */
  organizationId: string;
}

export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  text: string;
  sentAt: string;
  organizationId: string;
}

export interface Mailer {
  send(msg: MailMessage): Promise<void>;
  /** The dev outbox, newest first; undefined when mail goes to a real SMTP server. */
  outbox?(organizationId: string): Promise<OutboxEntry[]>;
}

const FROM = 'openiop <no-reply@openiop.test>';

/** Sends through any SMTP server, e.g. smtp://user:pass@host:587. */
export function smtpMailer(url: string): Mailer {
  const transport = nodemailer.createTransport(url);
  return {
    async send(msg) {
      await transport.sendMail({ from: FROM, to: msg.to, subject: msg.subject, text: msg.text });
    },
  };
}

/** Writes each message as JSON into `<dataDir>/outbox`, where admins can read it in development. */
export function outboxMailer(dir: string): Mailer {
  fs.mkdirSync(dir, { recursive: true });
  let n = 0;
  return {
    async send(msg) {
      const sentAt = new Date().toISOString();
      n += 1;
      const id = `${sentAt.replace(/[:.]/g, '-')}-${process.pid}-${n}`;
      const entry: OutboxEntry = { id, sentAt, ...msg };
      await fs.promises.writeFile(path.join(dir, `${id}.json`), JSON.stringify(entry));
    },
    async outbox(organizationId) {
      const files = (await fs.promises.readdir(dir))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .reverse()
        .slice(0, 500);
      const entries = await Promise.all(
        files.map(async (f) => JSON.parse(await fs.promises.readFile(path.join(dir, f), 'utf8')) as OutboxEntry),
      );
      return entries.filter((e) => e.organizationId === organizationId);
    },
  };
}
