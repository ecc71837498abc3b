import { describe, expect, it } from 'vitest';
import { MAX_SPLIT_CHARS, ourQuotedAnswer, splitCustomerText } from '../../../shared/mail/customer-text.ts';

const all = (t: ReturnType<typeof splitCustomerText>) => [t.own, t.quoted, t.forwarded, t.signature].join('\n');

describe('splitCustomerText: quoted replies', () => {
  it.each([
    ['en Gmail', 'On Tue, 11 Mar 2025 at 14:02, KDP Support <support@kdp.example.com> wrote:'],
    ['en wrapped over two lines', 'On Wed, May 7, 2025 at 10:15 AM KDP Support <\nsupport@kdp.example.com> wrote:'],
    ['de', 'Am Di., 11. März 2025 um 14:02 Uhr schrieb KDP Support <support@kdp.example.com>:'],
    ['fr', 'Le mar. 11 mars 2025 à 14:02, KDP Support <support@kdp.example.com> a écrit :'],
    ['es', 'El mar, 11 mar 2025 a las 14:02, KDP Support (<support@kdp.example.com>) escribió:'],
    ['it', 'Il giorno mar 11 mar 2025 alle ore 14:02 KDP Support <support@kdp.example.com> ha scritto:'],
    ['pt', 'Em ter., 11 de mar. de 2025 às 14:02, KDP Support <support@kdp.example.com> escreveu:'],
    ['nl', 'Op di 11 mrt 2025 om 14:02 schreef KDP Support <support@kdp.example.com>:'],
    ['ja', '2025年3月11日(火) 14:02 KDP Support <support@kdp.example.com>:'],
  ])('sets apart a %s reply header and the > lines below it', (_, header) => {
    const text = `It still does not work.\n\nSandra\n\n${header}\n> Hello,\n> Check CAPS Lock.\n`;
    const split = splitCustomerText(text);
    expect(split.own).toBe('It still does not work.\n\nSandra');
    expect(split.quoted).toBe(`${header}\n> Hello,\n> Check CAPS Lock.`);
  });

  it('keeps bottom-posted text after a quote as own', () => {
    const split = splitCustomerText('On Tue, 11 Mar 2025, KDP <s@kdp.example.com> wrote:\n> Try again.\n\nI did, it still fails.\n');
    expect(split.own).toBe('I did, it still fails.');
    expect(split.quoted).toBe('On Tue, 11 Mar 2025, KDP <s@kdp.example.com> wrote:\n> Try again.');
  });

  it('treats everything below an Outlook header block as quoted', () => {
    const text = [
      'Tried that, no luck.',
      '',
      '________________________________',
      'From: KDP Support <support@kdp.example.com>',
      'Sent: Tuesday, March 11, 2025 2:02 PM',
      'To: Sandra <s@example.org>',
      'Subject: Your message',
      '',
      'Hello, please check your password.',
    ].join('\n');
    const split = splitCustomerText(text);
    expect(split.own).toBe('Tried that, no luck.');
    expect(split.quoted).toContain('Hello, please check your password.');
    expect(split.quoted.startsWith('________________________________')).toBe(true);
  });

  it.each([
    ['de', 'Von: KDP Support <support@kdp.example.com>\nGesendet: Dienstag, 11. März 2025 14:02\nAn: Jörg\nBetreff: AW: Anmeldung'],
    ['fr', 'De : KDP Support <support@kdp.example.com>\nEnvoyé : mardi 11 mars 2025 14:02\nÀ : Luc\nObjet : RE: connexion'],
    ['es', 'De: KDP Support <support@kdp.example.com>\nEnviado el: martes, 11 de marzo de 2025 14:02\nPara: Ana\nAsunto: RE: acceso'],
    ['it', 'Da: KDP Support <support@kdp.example.com>\nInviato: martedì 11 marzo 2025 14:02\nA: Gia\nOggetto: R: accesso'],
    ['pt', 'De: KDP Support <support@kdp.example.com>\nEnviada em: terça-feira, 11 de março de 2025 14:02\nPara: Rui\nAssunto: RE: acesso'],
    ['nl', 'Van: KDP Support <support@kdp.example.com>\nVerzonden: dinsdag 11 maart 2025 14:02\nAan: Eva\nOnderwerp: RE: inloggen'],
    ['ja', '差出人: KDP Support <support@kdp.example.com>\n送信日時: 2025年3月11日 14:02\n宛先: 佐藤\n件名: RE: サインイン'],
  ])('treats a %s Outlook header block and below as quoted', (_, block) => {
    const split = splitCustomerText(`Still broken.\n\n${block}\n\nOld answer.\n`);
    expect(split.own).toBe('Still broken.');
    expect(split.quoted).toBe(`${block}\n\nOld answer.`);
  });

  it.each(['-----Original Message-----', '-----Ursprüngliche Nachricht-----', '-------- Message d\'origine --------'])(
    'treats "%s" and below as quoted',
    (marker) => {
      const split = splitCustomerText(`Still broken.\n${marker}\nFrom: x\nold text\n`);
      expect(split.own).toBe('Still broken.');
      expect(split.quoted).toBe(`${marker}\nFrom: x\nold text`);
    },
  );

  it('keeps answers written between "> " lines under an Outlook header as own', () => {
    const text = [
      'My answers are under your questions:',
      '',
      "-----Message d'origine-----",
      'De : KDP Support <support@kdp.example.com>',
      'Envoyé : mardi 28 octobre 2025 17:20',
      'Objet : Votre demande',
      '',
      '> Do you still have the old phone?',
      '',
      'No, I sold it in September.',
      '',
      '> Can you sign in elsewhere?',
      'No.',
    ].join('\n');
    const split = splitCustomerText(text);
    expect(split.own).toBe('My answers are under your questions:\n\nNo, I sold it in September.\n\nNo.');
    expect(split.quoted).toContain('> Do you still have the old phone?');
    expect(split.quoted).toContain("-----Message d'origine-----\nDe : KDP Support");
  });

  it('does not mistake a sentence for a reply header', () => {
    const text = 'On my phone it wrote:\nerror 500\nOn Monday I tried again and it said:\nwrong password\n';
    expect(splitCustomerText(text).own).toBe(text.trim());
    const ja = '2025年5月6日に登録したメールアドレスは次の通りです：\nsato@example.jp\n';
    expect(splitCustomerText(ja).own).toBe(ja.trim());
  });
});

describe('splitCustomerText: forwards', () => {
  it.each([
    '---------- Forwarded message ---------',
    'Begin forwarded message:',
    '-------- Message transféré --------',
    '-------- Weitergeleitete Nachricht --------',
    '---------- Mensaje reenviado ---------',
    '---------- Messaggio inoltrato ---------',
    '---------- Mensagem encaminhada ---------',
    '---------- Doorgestuurd bericht ---------',
    '-------- 転送メッセージ --------',
  ])('sets apart an inline forward after "%s", leaving a short own', (marker) => {
    const text = `FYI see below\n\n${marker}\nFrom: Diane <d@example.com>\nSubject: can't get in\n\nI get 500 Internal Server Error.\n> old quote\n`;
    const split = splitCustomerText(text);
    expect(split.own).toBe('FYI see below');
    expect(split.forwarded).toContain('I get 500 Internal Server Error.\n> old quote');
    expect(split.quoted).toBe('');
  });

  it('reads an Outlook header block under a FW: subject as a forward', () => {
    const text = 'see below\n\nFrom: Diane <d@example.com>\nSent: Monday\nTo: me\nSubject: help\n\nThe code never arrives.';
    expect(splitCustomerText(text, { subject: 'FW: help' }).forwarded).toContain('The code never arrives.');
    expect(splitCustomerText(text, { subject: 'Re: help' }).quoted).toContain('The code never arrives.');
  });

  it('sets apart the returned copy of a plain-text bounce', () => {
    const split = splitCustomerText('I could not deliver your message.\n\n--- Below this line is a copy of the message.\n\nSubject: Re: password\n');
    expect(split.own).toBe('I could not deliver your message.');
    expect(split.forwarded).toContain('Subject: Re: password');
  });
});

describe('splitCustomerText: signatures and disclaimers', () => {
  it.each(['Sent from my iPhone', 'Get Outlook for Android', 'Von meinem iPhone gesendet', 'Envoyé de mon iPhone', 'Enviado desde mi iPhone', 'Inviato da iPhone', 'Enviado do meu iPhone', 'Verzonden vanaf mijn iPhone', 'Verstuurd vanaf mijn iPhone', 'iPhoneから送信', 'Get Outlook for iOS<https://aka.ms/o0ukef>', 'Sent from Yahoo Mail on Android'])(
    'sets apart "%s"',
    (line) => {
      const split = splitCustomerText(`cant login help\n\n${line}\n`);
      expect(split).toEqual({ own: 'cant login help', quoted: '', forwarded: '', signature: line });
    },
  );

  it('sets apart a closing with a short name block and a legal disclaimer', () => {
    const text = [
      'Could you please advise how I can reset my password?',
      '',
      'Kind regards,',
      '',
      'Martin Osei',
      'Director',
      'Osei Consulting Ltd',
      'T: +44 20 7946 0321',
      '',
      'This e-mail and any attachments are confidential and intended solely for the addressee. If you have received this e-mail in error please notify the sender.',
    ].join('\n');
    const split = splitCustomerText(text);
    expect(split.own).toBe('Could you please advise how I can reset my password?');
    expect(split.signature).toContain('Kind regards,');
    expect(split.signature).toContain('This e-mail and any attachments are confidential');
  });

  it('sets apart a company line of " | " details and a disclaimer that follows it without a blank line', () => {
    const text = [
      'Wij krijgen na het aanmelden een foutpagina. Wat moeten we doen?',
      '',
      'Met vriendelijke groeten,',
      'Anke de Wit',
      '',
      'Drukkerij Noord bv | Havenstraat 12, 9711 AB Groningen | KvK 12345678',
      'Dit bericht en eventuele bijlagen zijn vertrouwelijk en uitsluitend bestemd voor de geadresseerde.',
      'Wij kunnen niet aansprakelijk gesteld worden voor de juiste overbrenging van de inhoud.',
    ].join('\n');
    const split = splitCustomerText(text);
    expect(split.own).toBe('Wij krijgen na het aanmelden een foutpagina. Wat moeten we doen?');
    expect(split.signature).toContain('aansprakelijk gesteld');
  });

  it('keeps a long line with an address under a closing as the customer\'s own words', () => {
    const text = 'I cannot sign in.\nRegards,\nJane\nPS my old address jane@example.com no longer works and the reset mail goes there\n';
    expect(splitCustomerText(text).own).toBe(text.trim());
  });

  it('sets apart a CONFIDENTIALITY NOTICE paragraph and a "-- " signature', () => {
    expect(splitCustomerText('I cannot log in.\n\nCONFIDENTIALITY NOTICE: This email is confidential.\n').signature).toBe(
      'CONFIDENTIALITY NOTICE: This email is confidential.',
    );
    expect(splitCustomerText('I cannot log in.\n-- \nMorgan\nlist footer\n').signature).toBe('-- \nMorgan\nlist footer');
  });

  it('keeps the problem statement in own when a closing is followed by more than a name', () => {
    const text = 'Hi,\nI cannot sign in.\nThanks\nI forgot to say: the error says my password is wrong every single time I try it\n';
    expect(splitCustomerText(text).own).toBe(text.trim());
    const question = 'Hi,\nI cannot sign in.\nRegards,\nwhat do I do now?\n';
    expect(splitCustomerText(question).own).toBe(question.trim());
  });

  it('keeps a lone closing at the start as own', () => {
    expect(splitCustomerText('Thanks!\n').own).toBe('Thanks!');
  });
});

describe('splitCustomerText: nothing lost, bounded work', () => {
  it('keeps every non-blank line in exactly one section', () => {
    const text = 'own line\n\n> quoted\nOn Tue, 1 Apr 2025, a@b.c wrote:\n> more\nback to own\n-- \nsig\n';
    const split = splitCustomerText(text);
    const lines = (s: string) => s.split('\n').filter((l) => l.trim() !== '');
    expect(lines(all(split)).sort()).toEqual(lines(text).sort());
  });

  it('examines only the first MAX_SPLIT_CHARS and keeps the rest with the last section', () => {
    const text = `${'a'.repeat(MAX_SPLIT_CHARS - 10)}\n> quoted line ${'b'.repeat(100)}`;
    const split = splitCustomerText(text);
    expect(split.own.length + split.quoted.length).toBe(text.length - 1);
    expect(split.quoted.endsWith('b'.repeat(100))).toBe(true);
  });

  it('handles many marker-like lines (each is looked at a bounded number of times)', () => {
    for (const line of ['-- ', 'Thanks,', '', 'Regards,\n\n\n', 'On 1 Jan 2025 a@b.c wrote:', 'From: x']) {
      const text = `${line}\n`.repeat(40_000);
      const split = splitCustomerText(text);
      expect(all(split).replace(/\s/g, '').length).toBe(text.replace(/\s/g, '').length);
    }
  });

  it('handles huge lines and empty input', () => {
    expect(splitCustomerText('')).toEqual({ own: '', quoted: '', forwarded: '', signature: '' });
    const line = `On ${'x'.repeat(100_000)} wrote:`;
    expect(splitCustomerText(line).own).toBe(line);
  });
});

describe('ourQuotedAnswer: what we said before, as the reply quotes it', () => {
  it('takes our answer under a Gmail attribution, without the older message quoted inside it', () => {
    const quoted = [
      'On Tue, 21 Oct 2025 at 10:47, KDP Support <support@kdp.example.com>',
      'wrote:',
      '',
      '> Hello Joaquín,',
      '> The error 500 is a temporary server problem. Try again in 10-15 minutes.',
      '>',
      '> On Mon, 20 Oct 2025 at 09:00, Joaquín <j@example.com> wrote:',
      '>> I see 500 Internal Server Error.',
    ].join('\n');
    expect(ourQuotedAnswer(quoted, ['support@kdp.example.com'])).toBe('Hello Joaquín,\nThe error 500 is a temporary server problem. Try again in 10-15 minutes.');
  });

  it('takes our answer under an Outlook header block that names us by team name alone', () => {
    const quoted = [
      '-----Ursprüngliche Nachricht-----',
      'Von: KDP Support <kdp-hilfe@example.net>',
      'Gesendet: Montag, 3. November 2025 16:12',
      'An: Beat <b@example.com>',
      'Betreff: AW: Anmeldung',
      '',
      'Guten Tag, bitte achten Sie auf die Gross- und Kleinschreibung.',
      '',
      '-----Ursprüngliche Nachricht-----',
      'Von: Beat <b@example.com>',
      'Passwort geht nicht.',
    ].join('\n');
    expect(ourQuotedAnswer(quoted)).toBe('Guten Tag, bitte achten Sie auf die Gross- und Kleinschreibung.');
  });

  it("finds nothing of ours in the writer's own earlier mail, resent", () => {
    const quoted = ['On Mon, 3 Nov 2025 at 09:00, Ana Lima <ana@example.com> wrote:', '> My password is refused.'].join('\n');
    expect(ourQuotedAnswer(quoted, ['support@kdp.example.com'])).toBe('');
    expect(ourQuotedAnswer('', ['support@kdp.example.com'])).toBe('');
  });
});
