import { describe, expect, it } from 'vitest';
import { classifyEmail } from '../../../shared/triage.ts';

const SUPPORT = 'support@kdp.example.com';

function mail(headers: Record<string, string>, body: string): string {
  const base: Record<string, string> = {
    From: 'Pat Author <pat@example.com>',
    To: SUPPORT,
    Subject: 'help',
    'Message-ID': '<t1@example.com>',
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=utf-8',
    ...headers,
  };
  return `${Object.entries(base).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${body}`;
}

const codes = (t: { reasons: Array<{ code: string }> }) => t.reasons.map((r) => r.code);

describe('classifyEmail decisions and reasons', () => {
  it('answers a clear request with its article and says why', async () => {
    const t = await classifyEmail(mail({ Subject: 'reset email' }, 'I forgot my password and the reset email never arrives, checked spam too.'));
    expect(t).toMatchObject({ category: 'password', autoReply: true, automated: false, language: 'en' });
    expect(codes(t)).toEqual(['article-match']);
    expect(t.confidence).toBeGreaterThan(0.8);
    expect(t.evidence.map((e) => e.category)).toContain('password');
  });

  it('never answers a machine, even one describing a sign-in problem', async () => {
    const t = await classifyEmail(
      mail({ Subject: 'Automatic reply: your request', 'Auto-Submitted': 'auto-replied' }, 'I am away. My KDP password is rejected, I will deal with it later.'),
      { supportAddresses: [SUPPORT] },
    );
    expect(t.automated).toBe(true);
    expect(t.autoReply).toBe(false);
    expect(t.category).toBe('password');
    expect(codes(t)).toContain('automated');
  });

  it('files a bounce of our own reply as other, whatever the returned text says', async () => {
    const t = await classifyEmail(
      mail(
        { From: 'Mail Delivery System <MAILER-DAEMON@mx.example.net>', Subject: 'Undelivered Mail Returned to Sender' },
        'Your message could not be delivered.\n\nSubject: Re: two accounts\nSometimes multiple accounts are created if you indicate that you are a new customer.',
      ),
    );
    expect(t).toMatchObject({ category: 'other', autoReply: false, automated: true });
  });

  it('never answers our own address (loop guard)', async () => {
    const t = await classifyEmail(mail({ From: `KDP Support <${SUPPORT}>` }, 'I cannot sign in, my password is wrong.'), {
      supportAddresses: [SUPPORT],
    });
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('own-address');
  });

  it('gives an empty message to a person', async () => {
    const t = await classifyEmail(mail({ Subject: '' }, '\r\n'));
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('empty-body');
  });

  it('does not send the article again to a thank-you or to a request for a person', async () => {
    const thanks = await classifyEmail(
      mail({ Subject: 'Re: two accounts' }, 'That fixed it, thank you! All my books are back.\n\n> On Mon, KDP Support wrote:\n> sign out and sign back in'),
    );
    expect(thanks.autoReply).toBe(false);
    expect(codes(thanks)).toContain('follow-up');
    const person = await classifyEmail(
      mail({ Subject: 'Re: sign in' }, 'I did everything it says and I still cannot get in. Can a real person please help me?'),
    );
    expect(person.autoReply).toBe(false);
    expect(codes(person)).toContain('follow-up');
  });

  it('is unsure, and says so, when two problems weigh the same', async () => {
    const t = await classifyEmail(
      mail({}, 'The page says my email address is not recognised. With my other address it says my password is incorrect and the reset email never arrives.'),
    );
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('low-confidence');
    expect([t.category, ...t.secondary]).toEqual(expect.arrayContaining(['email-address', 'password']));
  });

  it('lets the body overrule the subject and lists the secondary problem', async () => {
    const t = await classifyEmail(
      mail({ Subject: 'Password problem' }, "It's not the password actually. My bookshelf is empty since this morning, all my books are gone. Also a royalty question for later."),
    );
    expect(t.category).toBe('bookshelf-empty');
    expect(t.secondary).toContain('other');
  });

  it('never throws on garbage: other, no reply, with a reason', async () => {
    for (const raw of ['', '\u0000\u0001\u0002', 'not an email at all', new Uint8Array([0xff, 0xfe, 0x00, 0x41])]) {
      const t = await classifyEmail(raw);
      expect(t.category).toBe('other');
      expect(t.autoReply).toBe(false);
      expect(t.reasons.length).toBeGreaterThan(0);
    }
  });

  it('keeps secrets out of the evidence and the stored text', async () => {
    const t = await classifyEmail(mail({}, 'My password is Hunter2!Blue and it is rejected as incorrect. My phone is +44 7700 900123.'));
    const all = JSON.stringify([t.evidence, t.email.customer, t.email.text]);
    expect(all).not.toContain('Hunter2!Blue');
    expect(all).not.toContain('900123');
    expect(all).toContain('+44');
  });
});
