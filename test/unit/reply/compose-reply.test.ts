import PostalMime, { type Email } from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { renderArticle } from '../../../shared/articles/index.ts';
import {
  composeReply,
  ReplyInputError,
  ticketIdFromMessageId,
  ticketIdFromSubject,
  type ReplyInput,
} from '../../../shared/reply/compose-reply.ts';

const DOMAIN = 'kdp.example.com';

function input(overrides: Partial<ReplyInput> = {}): ReplyInput {
  return {
    from: { address: 'support@kdp.example.com', name: 'KDP Support' },
    to: { address: 'author@example.org', name: 'Ana Author' },
    inReplyTo: '<CAF123@mail.example.org>',
    references: ['<root@mail.example.org>'],
    originalSubject: 'RE: Error 500 when I sign in',
    ticketId: '01KB7Q3M8X4T',
    body: renderArticle('error-500', { customerName: 'Ana Author', ticketId: '01KB7Q3M8X4T' }),
    automatic: true,
    messageIdDomain: DOMAIN,
    date: new Date('2026-11-26T08:00:00Z'),
    ...overrides,
  };
}

async function composeAndParse(overrides: Partial<ReplyInput> = {}) {
  const reply = await composeReply(input(overrides));
  const parsed = await PostalMime.parse(reply.raw);
  return { reply, parsed };
}

function headerKeys(parsed: Email): string[] {
  return parsed.headers.map((h) => h.key);
}

function header(parsed: Email, key: string): string[] {
  return parsed.headers.filter((h) => h.key === key).map((h) => h.value);
}

/** The raw header block: the lines before the first empty line. */
function rawHeaderLines(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  return text.slice(0, text.indexOf('\r\n\r\n')).split('\r\n');
}

const AUTO_HEADERS = [
  'auto-submitted',
  'x-auto-response-suppress',
  'content-language',
  'from',
  'to',
  'in-reply-to',
  'references',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
];

describe('composeReply', () => {
  it('writes an RFC 3834 auto-reply that threads with the message it answers', async () => {
    const { reply, parsed } = await composeAndParse();
    expect([...headerKeys(parsed)].sort()).toEqual([...AUTO_HEADERS].sort());
    expect(header(parsed, 'auto-submitted')).toEqual(['auto-replied']);
    expect(header(parsed, 'x-auto-response-suppress')).toEqual(['All']);
    expect(header(parsed, 'content-language')).toEqual(['en']);
    expect(parsed.inReplyTo).toBe('<CAF123@mail.example.org>');
    expect(parsed.references).toBe('<root@mail.example.org> <CAF123@mail.example.org>');
    expect(reply.references).toEqual(['root@mail.example.org', 'CAF123@mail.example.org']);
    expect(parsed.messageId).toBe(`<${reply.messageId}>`);
    expect(reply.messageId).toMatch(/^01KB7Q3M8X4T\.[A-Za-z0-9_-]+@kdp\.example\.com$/);
    expect(ticketIdFromMessageId(parsed.messageId, DOMAIN)).toBe('01KB7Q3M8X4T');
    expect(parsed.subject).toBe('Re: Error 500 when I sign in [Ticket #01KB7Q3M8X4T]');
    expect(reply.subject).toBe(parsed.subject);
    expect(ticketIdFromSubject(parsed.subject)).toBe('01KB7Q3M8X4T');
    expect(parsed.to).toEqual([{ name: 'Ana Author', address: 'author@example.org' }]);
    expect(parsed.from).toEqual({ name: 'KDP Support', address: 'support@kdp.example.com' });
    expect(parsed.cc).toBeUndefined();
    expect(parsed.bcc).toBeUndefined();
    expect(new Date(parsed.date ?? '').toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('carries the article text and HTML unchanged, with CRLF line ends only', async () => {
    const body = renderArticle('password', { ticketId: '01KB7Q3M8X4T' });
    const { reply, parsed } = await composeAndParse({ body });
    // The parser may add one line end after the last part; the content is otherwise identical.
    expect(parsed.text?.replace(/\r\n/g, '\n').trimEnd()).toBe(body.text.trimEnd());
    expect(parsed.html?.replace(/\r\n/g, '\n').trimEnd()).toBe(body.html.trimEnd());
    expect(reply.raw.toString('latin1')).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
  });

  it('marks a person’s reply as not automatic', async () => {
    const { parsed } = await composeAndParse({
      automatic: false,
      body: { text: 'Hello Ana,\n\nI have looked at your account and…\n\nMaria, KDP Support' },
    });
    expect(headerKeys(parsed)).not.toContain('auto-submitted');
    expect(headerKeys(parsed)).not.toContain('x-auto-response-suppress');
    expect(headerKeys(parsed)).not.toContain('content-language');
    expect(parsed.html).toBeUndefined();
    expect(parsed.text).toContain('I have looked at your account');
    expect(parsed.subject).toBe('Re: Error 500 when I sign in [Ticket #01KB7Q3M8X4T]');
  });

  it('answers a message without Message-ID or subject', async () => {
    const { reply, parsed } = await composeAndParse({ inReplyTo: null, references: null, originalSubject: '' });
    expect(headerKeys(parsed)).not.toContain('in-reply-to');
    expect(headerKeys(parsed)).not.toContain('references');
    expect(reply.inReplyTo).toBeNull();
    expect(parsed.subject).toBe('Re: Error 500 Internal Server Error on KDP [Ticket #01KB7Q3M8X4T]');
    const agent = await composeReply(input({ originalSubject: null, body: { text: 'Hi' } }));
    expect(agent.subject).toBe('Re: Your message to KDP support [Ticket #01KB7Q3M8X4T]');
  });

  it('keeps the thread subject steady when the customer answers our reply', async () => {
    const first = await composeReply(input({ originalSubject: 'AW: Passwort vergessen' }));
    const second = await composeReply(
      input({ originalSubject: `AW: ${first.subject}`, inReplyTo: first.messageId, references: first.references }),
    );
    expect(second.subject).toBe(first.subject);
    expect(second.references).toEqual([...first.references, first.messageId]);
  });

  it('uses the given Message-ID token, and a fresh one otherwise', async () => {
    const fixed = await composeReply(input({ messageIdToken: 'abcdEFGH1234' }));
    expect(fixed.messageId).toBe('01KB7Q3M8X4T.abcdEFGH1234@kdp.example.com');
    const a = await composeReply(input());
    const b = await composeReply(input());
    expect(a.messageId).not.toBe(b.messageId);
  });

  it('encodes non-ASCII subjects and names, and punycodes an international domain', async () => {
    const { parsed } = await composeAndParse({
      originalSubject: 'AW: Anmeldung – Kennwort für „Bücher“',
      to: { address: 'jürgen@bücher.de'.replace('jürgen', 'juergen'), name: 'Jürgen Groß' },
    });
    expect(parsed.subject).toBe('Re: Anmeldung – Kennwort für „Bücher“ [Ticket #01KB7Q3M8X4T]');
    expect(parsed.to).toEqual([{ name: 'Jürgen Groß', address: 'juergen@xn--bcher-kva.de' }]);
  });

  it('is 7-bit ASCII throughout, so it can be stored and sent as a string unchanged', async () => {
    const { reply } = await composeAndParse({
      originalSubject: 'サインインできません 😀',
      to: { address: 'author@example.org', name: '山田 太郎' },
      body: { text: 'Grüße, 😀 — “quotes”', html: '<p>Grüße 😀</p>' },
    });
    expect(reply.raw.every((byte) => byte < 0x80)).toBe(true);
    const again = await PostalMime.parse(reply.raw.toString('ascii'));
    expect(again.subject).toBe('Re: サインインできません 😀 [Ticket #01KB7Q3M8X4T]');
    expect(again.text?.trimEnd()).toBe('Grüße, 😀 — “quotes”');
  });
});

describe('composeReply with hostile values', () => {
  const CRLF_ATTACKS = ['\r\n', '\n', '\r', '\r\n\r\n', '\u2028', '\u0085', '\u0000', '\r\n\t'];

  it.each(CRLF_ATTACKS)('no header is injected through subject, names or message ids (%j)', async (br) => {
    const { reply, parsed } = await composeAndParse({
      originalSubject: `Help${br}Bcc: victim@evil.example${br}X-Injected: 1`,
      to: { address: 'author@example.org', name: `Ana${br}Bcc: victim@evil.example` },
      from: { address: 'support@kdp.example.com', name: `KDP${br}X-Injected: 1` },
      inReplyTo: `<a@b>${br}Bcc: victim@evil.example`,
      references: [`<r@x>${br}X-Injected: 1`, `ok@x`],
    });
    expect([...headerKeys(parsed)].sort()).toEqual(
      AUTO_HEADERS.filter((k) => k !== 'in-reply-to').sort(),
    );
    expect(parsed.to).toHaveLength(1);
    expect(parsed.to?.[0]?.address).toBe('author@example.org');
    expect(parsed.bcc).toBeUndefined();
    expect(reply.references).toEqual(['ok@x']);
    for (const line of rawHeaderLines(reply.raw)) {
      expect(line).toMatch(/^(?:[A-Za-z-]+: |[ \t])/);
      expect(line).not.toMatch(/^(?:Bcc|X-Injected):/i);
    }
  });

  it('a display name full of address syntax stays one recipient', async () => {
    for (const name of ['Eve <eve@evil.example>, bob@evil.example', '"a@b.c", d@e.f; g@h.i', 'Group: x@y.z;', 'x@y.z']) {
      const { parsed } = await composeAndParse({ to: { address: 'author@example.org', name } });
      expect(parsed.to).toHaveLength(1);
      expect(parsed.to?.[0]?.address).toBe('author@example.org');
    }
  });

  it.each([
    'author@example.org, other@example.org',
    'author@example.org;other@example.org',
    'Ana <author@example.org>',
    '<author@example.org>',
    'author@example.org\r\nBcc: victim@evil.example',
    'author@example.org\n',
    'auth or@example.org',
    '"quoted local"@example.org',
    'author@localhost',
    'author@example..org',
    'author@-example.org',
    'author@example.org.',
    'author@[192.0.2.1]',
    'author@192.0.2.1',
    'Group: author@example.org;',
    '@example.org',
    'author@',
    'author',
    '',
    `${'a'.repeat(65)}@example.org`,
  ])('rejects the recipient %j with a typed error', async (address) => {
    const attempt = composeReply(input({ to: { address } }));
    await expect(attempt).rejects.toBeInstanceOf(ReplyInputError);
    await expect(attempt).rejects.toMatchObject({ code: 'invalid-recipient' });
  });

  it.each(["first.last+tag@sub.example.co.uk", "o'brien@example.ie", 'x_y-z@example.museum', 'AUTHOR@EXAMPLE.ORG'])(
    'accepts the recipient %j',
    async (address) => {
      const { reply, parsed } = await composeAndParse({ to: { address } });
      expect(parsed.to).toHaveLength(1);
      expect(parsed.to?.[0]?.address?.toLowerCase()).toBe(address.toLowerCase());
      expect(reply.recipient.toLowerCase()).toBe(address.toLowerCase());
    },
  );

  it.each([
    [{ to: { address: 'Support@KDP.example.com' } }, 'recipient-is-sender'],
    [{ from: { address: 'support@kdp.example.com, x@y.z' } }, 'invalid-sender'],
    [{ ticketId: 'T 1' }, 'invalid-ticket-id'],
    [{ ticketId: '01kb7q3m8x4t' }, 'invalid-ticket-id'],
    [{ ticketId: '../etc' }, 'invalid-ticket-id'],
    [{ ticketId: '01KB7Q3M8X4T]\r\nBcc: x@y.z' }, 'invalid-ticket-id'],
    [{ ticketId: 'a'.repeat(65) }, 'invalid-ticket-id'],
    [{ messageIdDomain: 'kdp example com' }, 'invalid-domain'],
    [{ messageIdDomain: 'localhost' }, 'invalid-domain'],
    [{ messageIdToken: 'short' }, 'invalid-message-id-token'],
    [{ messageIdToken: 'abcdefgh@evil' }, 'invalid-message-id-token'],
    [{ date: new Date('not a date') }, 'invalid-date'],
    [{ body: { text: '  \n ' } }, 'empty-body'],
  ] as Array<[Partial<ReplyInput>, string]>)('rejects %j with %s', async (overrides, code) => {
    await expect(composeReply(input(overrides))).rejects.toMatchObject({ name: 'ReplyInputError', code });
  });

  it('seeded fuzz: random customer values never add a header or a recipient', async () => {
    let seed = 0x5eed;
    const random = () => {
      // mulberry32: small, seeded, good enough to spread the cases
      seed = (seed + 0x6d2b79f5) | 0;
      let t = seed;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const alphabet = ['\r', '\n', '\r\n', '\t', ' ', ':', ';', ',', '<', '>', '"', '@', '=?utf-8?q?', '?=', 'Bcc: ', 'To: ', 'a', 'Z', 'é', '😀', '\u2028', '\u0000', '\u007f', '[Ticket #', ']', 'Re: ', '\\'];
    const hostile = () =>
      Array.from({ length: 1 + Math.floor(random() * 30) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 300; i++) {
      const { reply, parsed } = await composeAndParse({
        originalSubject: hostile(),
        to: { address: 'author@example.org', name: hostile() },
        inReplyTo: hostile(),
        references: [hostile(), hostile()],
      });
      const keys = headerKeys(parsed);
      expect(keys.every((k) => AUTO_HEADERS.includes(k)), `case ${i}: ${keys.join(',')}`).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
      expect(parsed.to?.map((t) => t.address)).toEqual(['author@example.org']);
      expect(ticketIdFromSubject(parsed.subject)).toBe('01KB7Q3M8X4T');
      expect(parsed.subject?.match(/\[\s*Ticket\s*#\s*[A-Za-z0-9][\w-]*\s*\]/gi)).toEqual(['[Ticket #01KB7Q3M8X4T]']);
      expect(reply.raw.toString('latin1')).not.toMatch(/\r(?!\n)|(?<!\r)\n/);
    }
  });
});
