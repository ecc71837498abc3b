import { describe, expect, it } from 'vitest';
import { renderArticle } from '../../../shared/articles/index.ts';
import { detectAutomated } from '../../../shared/mail/automated.ts';
import { parseEmail } from '../../../shared/mail/parse.ts';
import { composeReply, ticketIdFromMessageId, ticketIdFromSubject } from '../../../shared/reply/compose-reply.ts';

// Our replies read back through the project's own inbound parser: what the pipeline will see
// when a reply of ours comes back (an auto-responder bouncing it, or the customer answering).
const SUPPORT = 'support@kdp.example.com';
const DOMAIN = 'kdp.example.com';
const TICKET = '01KB7Q3M8X4T';

async function reply(automatic: boolean) {
  return composeReply({
    from: { address: SUPPORT, name: 'KDP Support' },
    to: { address: 'author@example.org', name: 'Ana' },
    inReplyTo: 'CAF123@mail.example.org',
    references: [],
    originalSubject: 'password reset email never came',
    ticketId: TICKET,
    body: automatic ? renderArticle('password', { ticketId: TICKET }) : { text: 'Hello Ana, I have checked…' },
    automatic,
    messageIdDomain: DOMAIN,
    date: new Date('2026-11-26T08:00:00Z'),
  });
}

describe('our replies, read back by the inbound parser', () => {
  it('an auto-reply is machine mail to our own rules, so it can never start a reply loop', async () => {
    const email = await parseEmail((await reply(true)).raw);
    const verdict = detectAutomated(email);
    expect(verdict.automated).toBe(true);
    expect(verdict.signals).toContain('Auto-Submitted: auto-replied');
  });

  it('an agent reply is not automatic (only our own address gives it away)', async () => {
    const email = await parseEmail((await reply(false)).raw);
    expect(detectAutomated(email).automated).toBe(false);
    expect(detectAutomated(email, [SUPPORT]).automated).toBe(true);
  });

  it('a customer answering it can be threaded by Message-ID and by subject', async () => {
    const sent = await reply(true);
    const email = await parseEmail(sent.raw);
    expect(email.messageId).toBe(sent.messageId);
    expect(email.inReplyTo).toBe('CAF123@mail.example.org');
    expect(email.references).toContain('CAF123@mail.example.org');
    expect(ticketIdFromMessageId(email.messageId, DOMAIN)).toBe(TICKET);
    expect(ticketIdFromSubject(email.subject)).toBe(TICKET);
  });
});
