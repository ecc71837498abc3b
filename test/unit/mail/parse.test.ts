import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MailTooLargeError, isUnparseable, parseEmail } from '../../../shared/mail/parse.ts';
import { htmlToText } from '../../../shared/mail/html-text.ts';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/mail/${name}`, import.meta.url));
const parseFixture = (name: string) => parseEmail(fixture(name));

describe('parseEmail: charsets and transfer encodings', () => {
  it('decodes windows-1252 quoted-printable, including the 0x80–0x9F range (€, smart quotes, dashes)', async () => {
    const email = await parseFixture('windows-1252-qp.eml');
    expect(email.subject).toBe('Can’t sign in – password');
    expect(email.from).toEqual({ name: 'Renée Müller', address: 'renee.mueller@example.com' });
    expect(email.text).toContain('I can’t sign in – the site says my password is wrong. I paid €20 for the cover and I’m “stuck”.');
    expect(email.warnings).toEqual([]);
  });

  it('decodes ISO-8859-1 8bit bodies and RFC 2047 Q headers', async () => {
    const email = await parseFixture('iso-8859-1-8bit.eml');
    expect(email.subject).toBe('Anmeldung schlägt fehl');
    expect(email.from?.name).toBe('Jürgen Weiß');
    expect(email.text).toContain('obwohl ich es zurückgesetzt habe');
  });

  it('decodes ISO-2022-JP bodies and B-encoded headers', async () => {
    const email = await parseFixture('iso-2022-jp.eml');
    expect(email.subject).toBe('パスワードの再設定');
    expect(email.from?.name).toBe('佐藤');
    expect(email.text).toContain('パスワードの再設定メールが届きません。');
  });

  it('decodes a Windows label TextDecoder lacks (cp932, with an NEC row character) without a charset warning', async () => {
    const email = await parseFixture('cp932.eml');
    expect(email.subject).toBe('サインインできません');
    expect(email.text).toBe('パスワードを再設定しましたが、①のメールが届きません。\n');
    expect(email.warnings.filter((w) => w.includes('charset'))).toEqual([]);
  });

  it('decodes UTF-8 base64 bodies and an emoji subject', async () => {
    const email = await parseFixture('utf8-base64.eml');
    expect(email.subject).toBe('Problème de connexion 🙁');
    expect(email.text).toContain('Je n\'arrive pas à me connecter : « erreur 500 ».');
    expect(email.warnings).toEqual([]);
  });

  it('un-flows format=flowed text and keeps the "-- " signature line', async () => {
    const email = await parseFixture('format-flowed.eml');
    expect(email.text).toContain('keeps saying that my password is incorrect, even after I reset it twice this week.\nThis line stands alone.');
    expect(email.customer.signature).toBe('-- \nMargaret');
  });

  it('turns HTML-only mail into clean text: no script/style/title, entities decoded, blocks as lines, links as their text', async () => {
    const email = await parseFixture('html-only.eml');
    expect(email.contentType).toBe('text/html');
    expect(email.html).toContain('<script>');
    expect(email.text).not.toMatch(/secret|color: red|ignored title|hidden|https:/);
    expect(email.text).toContain('Hi there,\n\nEach time I sign in it shows a “Create your account” page & I can\'t reach my Bookshelf.');
    expect(email.text).toContain('Line one\nLine two');
    expect(email.text).toContain('- first\n- second');
    // A blockquote becomes "> " lines, so the quoted reply is set apart like in plain text.
    expect(email.customer.own).not.toContain('Please sign out');
    expect(email.customer.quoted).toContain('> Please sign out and sign in again.');
  });
});

describe('parseEmail: fields', () => {
  it('fills every field of a corpus-like message', async () => {
    const email = await parseEmail(
      [
        'Return-Path: <Sandra.K@Example.org>',
        'From: "Kowalczyk, Sandra" <Sandra.K@Example.org>',
        'Reply-To: Team <team@example.org>, other@example.org',
        'To: KDP Support <support@kdp.example.com>',
        'Cc: =?UTF-8?Q?J=C3=B6rg?= <jorg@example.org>',
        'Subject: Re: =?UTF-8?Q?Your_message?=',
        '  [Case 18842137]',
        'Date: Wed, 12 Mar 2025 08:41:09 +0000',
        'Message-ID: <CAHq2v8@mail.example>',
        'In-Reply-To: <r1@kdp.example.com>',
        'References: <r0@kdp.example.com>',
        ' <r1@kdp.example.com>',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Still not working.',
        '',
      ].join('\r\n'),
    );
    expect(email).toMatchObject({
      messageId: 'CAHq2v8@mail.example',
      inReplyTo: 'r1@kdp.example.com',
      references: ['r0@kdp.example.com', 'r1@kdp.example.com'],
      subject: 'Re: Your message [Case 18842137]',
      from: { name: 'Kowalczyk, Sandra', address: 'sandra.k@example.org' },
      replyTo: [
        { name: 'Team', address: 'team@example.org' },
        { name: '', address: 'other@example.org' },
      ],
      returnPath: 'sandra.k@example.org',
      to: [{ name: 'KDP Support', address: 'support@kdp.example.com' }],
      cc: [{ name: 'Jörg', address: 'jorg@example.org' }],
      date: '2025-03-12T08:41:09.000Z',
      contentType: 'text/plain',
      text: 'Still not working.\n',
      html: null,
      attachments: [],
      warnings: [],
    });
    expect(email.headers.map((h) => h.key)).toEqual([
      'return-path', 'from', 'reply-to', 'to', 'cc', 'subject', 'date', 'message-id', 'in-reply-to', 'references', 'content-type',
    ]);
    expect(email.headers.find((h) => h.key === 'subject')?.value).toBe('Re: Your message [Case 18842137]');
  });

  it('gives the null sender as an empty Return-Path', async () => {
    const email = await parseEmail('Return-Path: <>\nFrom: MAILER-DAEMON@mx.example.com (Mail Delivery System)\n\nbounce\n');
    expect(email.returnPath).toBe('');
    expect(email.from).toEqual({ name: 'Mail Delivery System', address: 'mailer-daemon@mx.example.com' });
  });

  it('puts an attached message/rfc822 into customer.forwarded, not into text or own', async () => {
    const email = await parseFixture('forwarded-rfc822.eml');
    expect(email.customer.own).toBe('I get a 404 Not Found page when I sign in. The attached email came first.');
    expect(email.text).not.toContain('terminated');
    expect(email.customer.forwarded).toContain('Subject: Your Kindle Direct Publishing account');
    expect(email.customer.forwarded).toContain('We have terminated your Kindle Direct Publishing account.');
    expect(email.attachments).toEqual([{ filename: null, mimeType: 'message/rfc822', size: expect.any(Number), disposition: 'attachment', contentId: null }]);
    // The attached message's own headers are not the message's headers.
    expect(email.headers.some((h) => h.key === 'auto-submitted')).toBe(false);
  });
});

describe('parseEmail: malformed input never throws', () => {
  it('reads a multipart whose closing boundary is missing', async () => {
    const email = await parseFixture('unclosed-boundary.eml');
    expect(email.text).toContain('My bookshelf is empty after I signed in.');
    expect(email.warnings).toContain('multipart/alternative boundary never closed (truncated message?)');
  });

  it('decodes what it can of bad base64 and says so', async () => {
    const email = await parseFixture('bad-base64.eml');
    expect(email.text).toContain("I can't sign in!");
    expect(email.warnings).toContain('base64 body malformed or truncated: decoded what was readable');
  });

  it('reads a message without any header block as text', async () => {
    const email = await parseFixture('no-headers.eml');
    expect(email.from).toBeNull();
    expect(email.subject).toBe('');
    expect(email.customer.own).toContain("I can't sign in to my KDP account");
    expect(email.warnings).toEqual(['unparseable: no header block, whole message read as text']);
    expect(isUnparseable(email)).toBe(true);
  });

  it('drops NUL bytes', async () => {
    const email = await parseFixture('nul-bytes.eml');
    expect(email.text).toBe('Error 500 when I sign in.\n');
    expect(email.subject).toBe('nul bytes');
    expect(email.warnings).toContain('NUL bytes removed');
  });

  it('survives 8-bit garbage in headers and an unparseable date', async () => {
    const email = await parseFixture('8bit-header-garbage.eml');
    expect(email.from?.address).toBe('g@example.com');
    expect(email.date).toBeNull();
    expect(email.text).toBe('The code never arrives.\n');
    expect(email.warnings).toEqual(
      expect.arrayContaining(['malformed header line(s)', 'header with bytes that are not UTF-8', 'invalid Date header: not a date']),
    );
    // Odd but readable: not "unparseable".
    expect(isUnparseable(email)).toBe(false);
  });

  it('decodes an unknown charset as windows-1252 and says so', async () => {
    const email = await parseFixture('unknown-charset.eml');
    expect(email.text).toBe('Café sign in problem.\n');
    expect(email.warnings).toContain('unknown charset "x-made-up-charset" decoded as windows-1252');
  });

  it('returns an empty ParsedEmail for empty input and binary garbage', async () => {
    const empty = await parseEmail('');
    expect(empty).toMatchObject({ text: '', from: null, warnings: ['unparseable: empty message'] });
    const garbage = await parseEmail(new Uint8Array([0, 1, 2, 255, 10, 13, 0, 0x3a, 10, 10, 65, 0xc3]));
    expect(garbage.warnings.length).toBeGreaterThan(0);
    expect(typeof garbage.text).toBe('string');
  });

  it('reads a message nested deeper than the MIME parser allows as text, marked unparseable', async () => {
    let raw = 'From: a@example.com\nSubject: deep\n';
    for (let i = 0; i < 300; i++) raw += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
    const email = await parseEmail(`${raw}\nI cannot sign in.\n`);
    expect(isUnparseable(email)).toBe(true);
    expect(email.warnings[0]).toMatch(/^unparseable: MIME structure not parsed/);
    expect(email.text).toContain('I cannot sign in.');
  });

  it('refuses only an over-size message, with a typed error', async () => {
    const raw = `Subject: big\n\n${'x'.repeat(2000)}`;
    await expect(parseEmail(raw, { maxBytes: 1000 })).rejects.toBeInstanceOf(MailTooLargeError);
    await expect(parseEmail(raw, { maxBytes: 1000 })).rejects.toMatchObject({ size: raw.length, limit: 1000 });
    await expect(parseEmail(raw)).resolves.toMatchObject({ subject: 'big' });
  });
});

describe('htmlToText', () => {
  it('turns an Outlook HTML reply into text whose header block is set apart', async () => {
    const html =
      "<html><body><div class=WordSection1><p class=MsoNormal>Still can't sign in.<o:p></o:p></p><div style='border-top:solid #E1E1E1 1.0pt'>" +
      '<p class=MsoNormal><b>From:</b> KDP Support &lt;support@kdp.example.com&gt;<br><b>Sent:</b> Tuesday, March 11, 2025 2:02 PM<br>' +
      '<b>To:</b> Sandra<br><b>Subject:</b> RE: sign in</p></div><p class=MsoNormal>Hello, check your password.</p></div></body></html>';
    const email = await parseEmail(`From: s@example.org\nSubject: RE: sign in\nContent-Type: text/html; charset=utf-8\n\n${html}\n`);
    expect(email.customer.own).toBe("Still can't sign in.");
    expect(email.customer.quoted).toBe(
      'From: KDP Support <support@kdp.example.com>\nSent: Tuesday, March 11, 2025 2:02 PM\nTo: Sandra\nSubject: RE: sign in\n\nHello, check your password.',
    );
  });

  it('keeps text of unclosed tags and lone angle brackets, skips an unclosed script to the end', () => {
    expect(htmlToText('<p>a < b and c > d</p>')).toBe('a < b and c > d\n');
    expect(htmlToText('<div title="x > y">shown</div><script>hidden')).toBe('shown\n');
    expect(htmlToText('<head><meta charset="utf-8"><body><p>body text</p>')).toBe('body text\n');
  });

  it('keeps whitespace in <pre> and decodes numeric entities', () => {
    expect(htmlToText('<pre>  a\n    b</pre><p>&#233;&#x1F600;&euro;&bogus;</p>')).toBe('  a\n    b\n\né😀€&bogus;\n');
  });
});
