// The reply sender as the functions build it (shared/aws-clients.ts + SesMailer) against the local
// SES stand-in, through a proxy that breaks connections on cue. What the stand-in captured is
// what was really sent: a reply goes out once or is reported as an unknown outcome, never twice,
// and a connection the server dropped while idle is never used for a send.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../shared/adapters/ses-mailer.ts';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../shared/aws-clients.ts';
import { MailerError, MailerOutcomeUnknownError } from '../../shared/ports/mailer.ts';
import { startBreakingProxy, type BreakingProxy } from '../support/breaking-proxy.ts';
import { startLocalStack, type LocalStack } from '../support/local-stack.ts';

const FROM = 'support@kdp.example.com';
const TO = 'author@example.org';
const reply = (n: number) => `From: KDP Support <${FROM}>\r\nTo: <${TO}>\r\nSubject: Reply ${n}\r\nMessage-ID: <r${n}@kdp.example.com>\r\n\r\nReply number ${n}.\r\n`;

describe('SES sends through connections that break', () => {
  let stack: LocalStack;
  let proxy: BreakingProxy;
  let clients: AwsClients;
  let mailer: SesMailer;
  const restoreEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    stack = await startLocalStack();
    // Every connection that has carried a request is dropped by the "server" afterwards, as a
    // kept-alive connection is when its idle time runs out while the client is busy.
    proxy = await startBreakingProxy(stack.endpoints.ses, { closeIdle: true });
    const env = { ...stack.env, AWS_ENDPOINT_URL_SESV2: proxy.url };
    for (const name of Object.keys(env)) restoreEnv[name] = process.env[name];
    Object.assign(process.env, env);
    clients = createAwsClients();
    mailer = new SesMailer(clients.sesv2);
  });

  afterAll(async () => {
    if (clients) destroyAwsClients(clients);
    await proxy?.stop();
    await stack?.stop();
    for (const [name, value] of Object.entries(restoreEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  beforeEach(async () => {
    await stack.clearCapturedMail();
  });

  it('sends each reply on a connection of its own, so none goes to a connection the server dropped', async () => {
    const before = proxy.counts();
    for (const n of [1, 2, 3]) await mailer.sendRaw({ raw: reply(n), from: FROM, to: TO });
    const after = proxy.counts();
    expect(after.resetIdle - before.resetIdle).toBe(0);
    expect(after.connections - before.connections).toBe(3);
    expect((await stack.capturedMail()).map((m) => m.subject)).toEqual(['Reply 1', 'Reply 2', 'Reply 3']);
  });

  it('does not send a reply again when SES took it and the answer was lost: the outcome is unknown', async () => {
    proxy.plan('lose-answer');
    const sent = mailer.sendRaw({ raw: reply(4), from: FROM, to: TO });
    await expect(sent).rejects.toBeInstanceOf(MailerOutcomeUnknownError);
    expect((await stack.capturedMail()).map((m) => m.subject)).toEqual(['Reply 4']);
  });

  it('tries again at once when SES answered that it could not take the request', async () => {
    const before = proxy.counts();
    proxy.plan('unavailable');
    await expect(mailer.sendRaw({ raw: reply(5), from: FROM, to: TO })).resolves.toMatchObject({ sesMessageId: expect.any(String) });
    expect(proxy.counts().connections - before.connections).toBe(2);
    expect((await stack.capturedMail()).map((m) => m.subject)).toEqual(['Reply 5']);
  });

  it('leaves a request SES kept refusing to the outbox as a retryable failure', async () => {
    proxy.plan('unavailable', 'unavailable', 'unavailable');
    const error = await mailer.sendRaw({ raw: reply(6), from: FROM, to: TO }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailerError);
    expect(error).not.toBeInstanceOf(MailerOutcomeUnknownError);
    expect((error as MailerError).retryable).toBe(true);
    expect(await stack.capturedMail()).toHaveLength(0);
  });
});
