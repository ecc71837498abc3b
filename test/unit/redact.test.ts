import { describe, expect, it } from 'vitest';
import { redact, redactEmail } from '../../shared/redact.ts';
import { parseEmail } from '../../shared/mail/parse.ts';

describe('redact: passwords typed into the email keep the word, lose the secret', () => {
  it.each([
    ['my password is Hunter2!', 'my password is [password]!'],
    ['password: xyz', 'password: [password]'],
    ['pw=s3cr3t&x', 'pw=[password]'],
    ['Passwort: geheim123', 'Passwort: [password]'],
    ['mein Passwort ist Sommer2024.', 'mein Passwort ist [password].'],
    ['mot de passe : azerty12', 'mot de passe : [password]'],
    ['mon mot de passe est "bonjour"', 'mon mot de passe est "[password]"'],
    ['contraseña: Gato!99', 'contraseña: [password]'],
    ['mi contraseña es Perro2020', 'mi contraseña es [password]'],
    ['senha: abc@123', 'senha: [password]'],
    ['minha senha é Casa123', 'minha senha é [password]'],
    ['a minha palavra-passe é Lisboa2024', 'a minha palavra-passe é [password]'],
    ['wachtwoord: Fiets!1', 'wachtwoord: [password]'],
    ['mijn wachtwoord is Fiets2021', 'mijn wachtwoord is [password]'],
    ['パスワードは Abc12345 です', 'パスワードは [password] です'],
    ['パスワード：Abc12345', 'パスワード：[password]'],
    // No space between the secret and the sentence it sits in.
    ['パスワードはAbc12345です', 'パスワードは[password]です'],
    ['Mein Passwort ist „Rose#1987“, trotzdem falsch', 'Mein Passwort ist „[password]“, trotzdem falsch'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    'My password is fine.',
    'my password is correct and I still cannot log in',
    'Password: Check CAPS Lock and NUM Lock',
    'Passwords are case sensitive',
    // The page's message quoted in German quotation marks: the closing mark is not part of a word.
    'Da steht: „Es ist ein Problem aufgetreten. Ihr Passwort ist falsch.“',
    'il dit « votre mot de passe est incorrect »',
    // Japanese runs on without spaces: "the password is right, but…" is prose, not a secret.
    'パスワードは合っているのに、メールアドレスが違うと出ます。',
    'パスワード：忘れてしまいました',
    // A colon that introduces a sentence, not a secret.
    "pour le mot de passe : je l'ai réinitialisé hier",
  ])(
    'leaves prose about a password alone: %s',
    (input) => {
      expect(redact(input)).toBe(input);
    },
  );
});

describe('redact: one-time codes', () => {
  it.each([
    ['the code was 483920', 'the code was [code]'],
    ['OTP: 123456', 'OTP: [code]'],
    ['verification code 482 913', 'verification code [code]'],
    ['Code 4829', 'Code [code]'],
    ['código 123456', 'código [code]'],
    ['codice: 12345678', 'codice: [code]'],
    ['コード 583920', 'コード [code]'],
    ['認証コードは583920です', '認証コードは[code]です'],
    ['two-step verification code 123456 expired', 'two-step verification code [code] expired'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe('redact: cards, IBANs, phones', () => {
  it.each([
    ['card 4111 1111 1111 1111 expires', 'card [card] expires'],
    ['4111-1111-1111-1111', '[card]'],
    ['IBAN DE89 3704 0044 0532 0130 00 thanks', 'IBAN [iban] thanks'],
    ['GB82WEST12345698765432', '[iban]'],
    ['+44 7700 900123', '+44 [phone]'],
    ['+447700900123', '+44 [phone]'],
    ['0044 7700 900123', '0044 [phone]'],
    ['+1 (555) 555-0142', '+1 [phone]'],
    ['+49 (0)30 1234567', '+49 [phone]'],
    ['call me on 07700 900123', 'call me on [phone]'],
    ['I got the code on 07700 900123', 'I got the code on [phone]'],
    ['(312) 555-0142', '[phone]'],
    ['555-555-0142', '[phone]'],
    ['phone 555-0142', 'phone [phone]'],
    ['my mobile is 555 0142', 'my mobile is [phone]'],
    ['Telefonnummer: 0151 23456789', 'Telefonnummer: [phone]'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('leaves a number that fails Luhn', () => {
    expect(redact('ref 4111 1111 1111 1112')).toBe('ref 4111 1111 1111 1112');
  });
});

describe('redact: numbers that are not secrets stay', () => {
  it.each([
    'In 2025 I published my first book',
    'Re: Your KDP sign-in request [Case 20410233]',
    'Case 19311876',
    'ISBN 978-3-16-148410-0 and 9783161484100',
    'ASIN B08XYZ1234',
    'price $12.99 and €1,234.56',
    'error 404/500',
    'try again in 10-15 minutes',
    'the code never comes',
    'error code 500',
    'the code sent in 2024 failed',
    'on 2025-05-06 at 10:00',
    'order 123-4567890-1234567',
    'IP 192.0.2.33',
    'the 6 digit code',
  ])('%s', (input) => {
    expect(redact(input)).toBe(input);
  });
});

describe('redact: bounded work', () => {
  it('stays linear on adversarial input', () => {
    // Long runs that would make a backtracking pattern explode; the test only needs them to finish.
    const inputs = [
      'password '.repeat(20_000),
      `code ${'1 '.repeat(50_000)}`,
      '1-'.repeat(50_000),
      `+${'1 '.repeat(50_000)}`,
      `phone ${'(1) '.repeat(30_000)}`,
      'A'.repeat(100_000),
    ];
    for (const input of inputs) expect(typeof redact(input)).toBe('string');
  });
});

describe('redactEmail', () => {
  it('redacts every free-text field and the subject header', async () => {
    const email = await parseEmail(
      'From: a@example.com\nSubject: code 483920 fails\n\nMy password is Hunter2! and my mobile is +44 7700 900123.\n\n> OTP: 123456\n',
    );
    const redacted = redactEmail(email);
    expect(redacted.subject).toBe('code [code] fails');
    expect(redacted.headers.find((h) => h.key === 'subject')?.value).toBe('code [code] fails');
    expect(redacted.customer.own).toBe('My password is [password]! and my mobile is +44 [phone].');
    expect(redacted.customer.quoted).toBe('> OTP: [code]');
    expect(redacted.text).not.toMatch(/Hunter2|900123|483920|123456/);
    expect(email.customer.own).toContain('Hunter2!');
  });
});

describe('redact: long texts', () => {
  // Numbers are looked for only in stretches of lines that hold digits; the result must be the
  // same as reading every line, however far apart the numbers are.
  it('finds numbers at both ends of a long prose thread and leaves the prose', () => {
    const prose = '> We looked into your request and suggest signing out and back in.\n'.repeat(3000);
    const text = `call me on +44 7700 900123\n${prose}my card 4111 1111 1111 1111\n${prose}code 482913`;
    const out = redact(text);
    expect(out.startsWith('call me on +44 [phone]\n')).toBe(true);
    expect(out).toContain(`\n${prose}my card [card]\n`);
    expect(out.endsWith('code [code]')).toBe(true);
    expect(out.length).toBe(text.length - '7700 900123'.length + '[phone]'.length - '4111 1111 1111 1111'.length + '[card]'.length - 6 + '[code]'.length);
  });
});

describe('redact works line by line (redactEmail reuses the text for the parts it is made of)', () => {
  // Secrets and their near misses cut at every line break a pattern could try to cross.
  const lines = [
    'my password is Hunter2!', 'password', 'is Hunter2!', 'password:', 'xyz', 'pw=s3cr3t&x', 'パスワード', 'は Abc12345 です',
    'the code was 483920', 'the code was', '483920', 'verification code 482', '913', 'OTP: 123456', '2025',
    '+44 7700 900123', '+44', '7700 900123', '0044 7700', '900123', 'call +1 (555) 555-0142', '(555)', '555-0142',
    'my mobile is 555 0142', 'my mobile is', '555 0142', '07700 900123', '020 7946 0321', '555-555-0142',
    '4111 1111 1111 1111', '4111 1111', '1111 1111', 'DE89 3704 0044 0532 0130 00', 'DE89', '3704 0044 0532 0130 00',
    '', ' ', '-', '+', '.', 'a', '1', '12', '123', 'error 500, wait 10-15 minutes',
  ];
  it('gives the same result over two lines as over each line', () => {
    for (const a of lines) {
      for (const b of lines) expect(redact(`${a}\n${b}`)).toBe(`${redact(a)}\n${redact(b)}`);
    }
  });

  it('redactEmail gives every part what redact gives it', async () => {
    const email = await parseEmail(
      'From: a@example.com\nSubject: Fwd: sign-in\n\nI cannot sign in.\n\nRegards,\nAnna\n+44 7700 900123\n\n> On Mon, 5 May 2025, KDP wrote:\n> Your code is 483920\n',
    );
    const plain = { ...email, text: email.text.replace(/\d/g, 'x'), customer: { ...email.customer, own: 'I cannot sign in.' } };
    for (const parsed of [email, plain]) {
      const redacted = redactEmail(parsed);
      for (const part of ['own', 'quoted', 'forwarded', 'signature'] as const) expect(redacted.customer[part]).toBe(redact(parsed.customer[part]));
    }
  });
});
