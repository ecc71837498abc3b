import { describe, expect, it } from 'vitest';
import {
  buildSesEvent,
  parseHeaderBlock,
  SES_EVENT_HEADERS_LIMIT,
  sesMessageId,
  sesTraceHeaders,
} from '../../../local/ses-event.ts';

const receivedAt = new Date('2026-03-02T10:15:30.000Z');

const message = Buffer.from(
  [
    'MIME-Version: 1.0',
    'Date: Tue, 01 Jul 2025 18:14:54 -0300',
    'From: =?UTF-8?Q?Jos=C3=A9_Ram=C3=ADrez?= <Jose.Ramirez@example.org>',
    'To: support@kdp.example.com, "Second, Person" <second@example.net>',
    'Subject: =?UTF-8?B?Q2Fu4oCZdCBzaWduIGlu?=',
    'Message-ID: <abc123@example.org>',
    'DKIM-Signature: v=1; a=rsa-sha256;',
    '\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;',
    '\tb=AAAA',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Subject: not a header, the body',
    '',
  ].join('\r\n'),
);

describe('sesMessageId', () => {
  it('is 40 lower-case base32 characters, different each time', () => {
    const a = sesMessageId();
    const b = sesMessageId();
    expect(a).toMatch(/^[a-z2-7]{40}$/);
    expect(a).not.toBe(b);
  });

  it('encodes given bytes deterministically', () => {
    expect(sesMessageId(new Uint8Array(25))).toBe('a'.repeat(40));
    expect(sesMessageId(Uint8Array.from([0xff]))).toBe('74');
  });
});

describe('parseHeaderBlock', () => {
  it('keeps order, unfolds continuation lines, stops at the body', () => {
    const headers = parseHeaderBlock(message);
    expect(headers.map((header) => header.name)).toEqual([
      'MIME-Version',
      'Date',
      'From',
      'To',
      'Subject',
      'Message-ID',
      'DKIM-Signature',
      'Content-Type',
    ]);
    expect(headers.find((header) => header.name === 'DKIM-Signature')?.value).toBe(
      'v=1; a=rsa-sha256;\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\tb=AAAA',
    );
    // Values stay as sent; decoding is the consumer's business (commonHeaders aside).
    expect(headers.find((header) => header.name === 'Subject')?.value).toBe('=?UTF-8?B?Q2Fu4oCZdCBzaWduIGlu?=');
  });

  it('never throws on hostile input', () => {
    expect(parseHeaderBlock(new Uint8Array())).toEqual([]);
    expect(parseHeaderBlock(Buffer.from('\r\n\r\nbody only'))).toEqual([]);
    expect(parseHeaderBlock(Buffer.from(' leading fold\nno colon here\n: empty name\nBad Name: x\nX-Ok: 1\nno end'))).toEqual([
      { name: 'X-Ok', value: '1' },
    ]);
    expect(parseHeaderBlock(Buffer.from([0xff, 0xfe, 0x3a, 0x0a, 0x58, 0x3a, 0x80])).map((header) => header.name)).toEqual(['\ufffd\ufffd', 'X']);
  });
});

describe('buildSesEvent', () => {
  it('has the receipt-rule Lambda event shape SES documents', () => {
    const event = buildSesEvent({
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      raw: message,
      mailFrom: 'bounce+jose@example.org',
      destination: ['support@kdp.example.com', 'other@kdp.example.com'],
      recipients: ['support@kdp.example.com'],
      receivedAt,
    });
    expect(event.Records).toHaveLength(1);
    const record = event.Records[0]!;
    expect(record.eventSource).toBe('aws:ses');
    expect(record.eventVersion).toBe('1.0');
    const { mail, receipt } = record.ses;
    expect(mail).toMatchObject({
      timestamp: '2026-03-02T10:15:30.000Z',
      source: 'bounce+jose@example.org',
      messageId: 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1',
      destination: ['support@kdp.example.com', 'other@kdp.example.com'],
      headersTruncated: false,
    });
    expect(mail.headers).toHaveLength(8);
    expect(mail.commonHeaders).toEqual({
      returnPath: 'bounce+jose@example.org',
      from: ['José Ramírez <Jose.Ramirez@example.org>'],
      to: ['support@kdp.example.com', 'Second, Person <second@example.net>'],
      date: 'Tue, 01 Jul 2025 18:14:54 -0300',
      messageId: '<abc123@example.org>',
      subject: 'Can’t sign in',
    });
    expect(receipt).toEqual({
      timestamp: '2026-03-02T10:15:30.000Z',
      processingTimeMillis: 0,
      recipients: ['support@kdp.example.com'],
      spamVerdict: { status: 'PASS' },
      virusVerdict: { status: 'PASS' },
      spfVerdict: { status: 'PASS' },
      dkimVerdict: { status: 'PASS' },
      dmarcVerdict: { status: 'PASS' },
      action: {
        type: 'Lambda',
        invocationType: 'Event',
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:kdp-triage-inbound-email',
      },
    });
  });

  it('carries the verdicts it is given (to exercise the handler’s gates)', () => {
    const event = buildSesEvent({
      messageId: 'm',
      raw: message,
      mailFrom: 'x@example.org',
      destination: ['support@kdp.example.com'],
      receivedAt,
      verdicts: { spam: 'FAIL', dmarc: 'GRAY' },
    });
    const receipt = event.Records[0]!.ses.receipt;
    expect(receipt.spamVerdict.status).toBe('FAIL');
    expect(receipt.dmarcVerdict.status).toBe('GRAY');
    expect(receipt.virusVerdict.status).toBe('PASS');
    expect(receipt.recipients).toEqual(['support@kdp.example.com']);
  });

  it('truncates headers past 10 KB and says so, as SES does', () => {
    const many = Array.from({ length: 200 }, (_, index) => `X-Filler-${index}: ${'y'.repeat(80)}`);
    const raw = Buffer.from([...many, 'Subject: late', '', 'body'].join('\r\n'));
    const mail = buildSesEvent({ messageId: 'm', raw, mailFrom: '', destination: ['s@x'], receivedAt }).Records[0]!.ses.mail;
    expect(mail.headersTruncated).toBe(true);
    const size = mail.headers.reduce((sum, header) => sum + header.name.length + header.value.length + 4, 0);
    expect(size).toBeLessThanOrEqual(SES_EVENT_HEADERS_LIMIT);
    expect(mail.headers.some((header) => header.name === 'Subject')).toBe(false);
    // commonHeaders come from the whole header block.
    expect(mail.commonHeaders.subject).toBe('late');
    expect(mail.source).toBe('');
  });

  it('gives a message without Date or Message-ID empty strings rather than failing', () => {
    const mail = buildSesEvent({
      messageId: 'm',
      raw: Buffer.from('From: a@example.com\r\n\r\nhi'),
      mailFrom: 'a@example.com',
      destination: ['s@x'],
      receivedAt,
    }).Records[0]!.ses.mail;
    expect(mail.commonHeaders).toEqual({ returnPath: 'a@example.com', date: '', messageId: '', from: ['a@example.com'] });
  });
});

describe('sesTraceHeaders', () => {
  it('prepends Return-Path, Received and the verdict headers, and parses back', () => {
    const trace = sesTraceHeaders({
      messageId: 'abc',
      mailFrom: 'jose@example.org',
      recipient: 'support@kdp.example.com',
      clientHostname: 'mail.example.org',
      clientAddress: '127.0.0.1',
      heloName: 'mail.example.org',
      receivedAt,
      verdicts: { virus: 'FAIL' },
    });
    expect(trace.endsWith('\r\n')).toBe(true);
    const headers = parseHeaderBlock(Buffer.concat([Buffer.from(trace), message]));
    expect(headers.slice(0, 4)).toEqual([
      { name: 'Return-Path', value: '<jose@example.org>' },
      {
        name: 'Received',
        value:
          'from mail.example.org (mail.example.org [127.0.0.1]) by inbound-smtp.local with SMTP id abc for support@kdp.example.com; Mon, 02 Mar 2026 10:15:30 +0000',
      },
      { name: 'X-SES-Spam-Verdict', value: 'PASS' },
      { name: 'X-SES-Virus-Verdict', value: 'FAIL' },
    ]);
  });

  it('cannot be made to inject a header through the envelope', () => {
    const trace = sesTraceHeaders({
      messageId: 'abc',
      mailFrom: 'a@example.org>\r\nX-Injected: yes',
      recipient: 's@x',
      clientHostname: 'h',
      clientAddress: '1.2.3.4',
      heloName: 'h\r\nX-Also: yes',
      receivedAt,
    });
    expect(parseHeaderBlock(Buffer.from(trace)).map((header) => header.name)).toEqual([
      'Return-Path',
      'Received',
      'X-SES-Spam-Verdict',
      'X-SES-Virus-Verdict',
    ]);
  });
});
