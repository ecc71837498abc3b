import { randomUUID } from 'node:crypto';
import type { Mailer, SendRawInput } from '../../ports/mailer.ts';

export interface SentMail {
  raw: string;
  from: string;
  to: string;
  sesMessageId: string;
}

/** A mailer that keeps what it "sends" (unit tests); `sent` is the outbox's ground truth. */
export class MemoryMailer implements Mailer {
  readonly sent: SentMail[] = [];

  async sendRaw({ raw, from, to }: SendRawInput): Promise<{ sesMessageId: string }> {
    const sesMessageId = `mem-${randomUUID()}`;
    this.sent.push({ raw: typeof raw === 'string' ? raw : new TextDecoder().decode(raw), from, to, sesMessageId });
    return { sesMessageId };
  }
}
