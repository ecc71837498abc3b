import { describe, expect, it } from 'vitest';
import { classifyParts } from '../../../shared/classify/classify.ts';
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

  it('reads the thread an auto-reply answers (its subject), whether or not it is marked bulk, and never answers it', async () => {
    // Corpora label a bare absence notice either `other` or by its thread's problem: the subject's
    // problem is at least the ticket's category or its secondary, with the phrase as evidence.
    const away = await classifyEmail(
      mail(
        { Subject: 'Réponse automatique : Re: Impossible de me connecter à KDP', 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' },
        "Bonjour, je suis absente jusqu'au 3 novembre. Pour les manuscrits, écrivez à l'accueil.",
      ),
    );
    expect(away).toMatchObject({ autoReply: false, automated: true });
    expect([away.category, ...away.secondary]).toContain('sign-in-general');
    expect(away.evidence).toContainEqual(expect.objectContaining({ category: 'sign-in-general', source: 'subject' }));
    const restating = await classifyEmail(
      mail(
        { Subject: 'Risposta automatica: Re: accesso', 'Auto-Submitted': 'auto-replied', Precedence: 'bulk' },
        'Sono fuori ufficio fino a lunedì. Per KDP: la password continua a risultare sbagliata anche dopo il cambio.',
      ),
    );
    expect(restating).toMatchObject({ category: 'password', autoReply: false, automated: true });
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

  it("files a helpdesk's relay under the relayed person's problem, even marked bulk, and never answers it", async () => {
    const t = await classifyEmail(
      mail(
        { From: 'Desk <desk@agency.example>', Subject: '[Ticket #5521] Forwarded request', 'Auto-Submitted': 'auto-generated', Precedence: 'bulk' },
        'Message from our author: since Monday the verification code never arrives on my phone when I sign in to KDP.',
      ),
      { supportAddresses: [SUPPORT] },
    );
    expect(t).toMatchObject({ category: 'two-step-verification', autoReply: false, automated: true });
  });

  it('files a newsletter marked bulk as other, whatever sign-in tips it carries', async () => {
    const t = await classifyEmail(
      mail({ From: 'Authors Weekly <news@authors.example>', Subject: 'This week: sign-in tips', Precedence: 'bulk' }, 'Tip 3: if the verification code never arrives, check the phone number.'),
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

  it.each([
    ['de', 'Der Artikel hilft mir leider nicht weiter, der Code kommt einfach nicht an. Ich möchte mit einem Menschen sprechen.'],
    ['fr', "Votre réponse automatique ne m'aide pas du tout. Rien ne marche, je voudrais qu'un être humain regarde mon compte."],
    ['es', 'Ya hice todo lo que dice el artículo y sigo sin poder entrar. Quiero hablar con una persona.'],
    ['ja', '記事に書いてあることは全部試しましたが入れません。担当の方から直接お電話をいただけないでしょうか。'],
    ['es', '¡Ya está! Era eso, tenía dos cuentas con el mismo correo. Muchísimas gracias, ya no hace falta nada más.'],
    ['pt', 'Gente, consegui! O código chegou na hora. Podem fechar o chamado, muito obrigada.'],
    ['fr', "Ça a marché ! Le lien était dans mes spams comme vous l'aviez dit, j'ai un nouveau mot de passe. Merci."],
    ['pt', 'Funcionou! Era a senha antiga salva no navegador que me levava para a outra conta. Obrigada pela ajuda.'],
    ['de', 'Hallo,\nhat funktioniert, der Link zum Zurücksetzen steckte im Werbeordner. Danke schön!'],
    ['ja', 'メールに書いてあった手順で、新しいパスワードにして無事に入れました。ありがとうございました。'],
  ])('treats a %s follow-up (solved, or asking for a person) as one: no second article', async (_lang, body) => {
    const t = await classifyEmail(mail({ Subject: 'Re: [#1187730]' }, body), { supportAddresses: [SUPPORT] });
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('follow-up');
  });

  it('reads a thank-you under the old subject as one: the subject names the problem it answered', async () => {
    const t = await classifyEmail(
      mail(
        { Subject: 'Re: Passwort vergessen - keine Mail' },
        'Hat funktioniert, alles wieder gut. Vielen Dank!\n\nAm 04.11.25 schrieb KDP Support:\n> Bitte sehen Sie im Spam-Ordner nach.',
      ),
      { supportAddresses: [SUPPORT] },
    );
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('follow-up');
  });

  it.each([
    // The error-404 article's remedy (answer the account-status e-mail) already used.
    ['en', 'error-404', 'My account was closed and now I only get the 404 page when I sign in. I answered the account email twice and nobody replies.'],
    ['de', 'error-404', 'Seit der Kontoschließung sehe ich beim Anmelden nur die Seite 404. Ich habe auf die E-Mail schon zweimal geantwortet, aber keine Antwort erhalten.'],
    // The password article's reset mail would go to a mailbox that no longer exists.
    ['it', 'password', 'Ho dimenticato la password di KDP e non ho più accesso alla vecchia casella di posta, il link non mi arriverà mai.'],
    ['es', 'password', 'Olvidé mi contraseña, pero el correo de la cuenta ya no existe: mi proveedor lo cerró y no puedo recibir el enlace.'],
    // A person asked for in words the older rules did not know.
    ['en', 'password', 'Thanks for the article, but is there someone who could check my account? I still cannot sign in, the password is refused.'],
    ['nl', undefined, 'Dat heb ik allemaal al gedaan. Is er iemand die naar mijn account kan kijken? Ik kom er nog steeds niet in.'],
  ])('holds the article when its remedy is spent or a person is asked for (%s)', async (_lang, category, body) => {
    const t = await classifyEmail(mail({ Subject: 'Re: KDP' }, body), { supportAddresses: [SUPPORT] });
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('follow-up');
    if (category) expect(t.category).toBe(category);
  });

  it.each([
    ['es', 'two-step-verification', 'Pongo el código que me llega por SMS y la página me pide el código otra vez, sin parar.'],
    ['fr', 'two-step-verification', "J'entre le code reçu par SMS et la page me redemande encore un code, ça n'arrête pas."],
    ['es', 'password', 'Se me olvidó la clave de KDP y el correo para recuperarla no llega.'],
    ['de', 'sign-in-general', 'Mein Vater kommt seit Montag nicht mehr in sein KDP-Konto. Eine Fehlermeldung sieht er nicht.'],
    // "I thought it was solved" is not a thank-you.
    ['nl', 'error-404', 'Ik dacht dat het opgelost was, maar bij het inloggen krijg ik de pagina 404 niet gevonden.'],
  ])('answers a plain %s request in new wording with its article: %s', async (_lang, category, body) => {
    const t = await classifyEmail(mail({ Subject: 'KDP' }, body), { supportAddresses: [SUPPORT] });
    expect(t).toMatchObject({ category, autoReply: true });
  });

  // Known drift, kept visible: "入れましたが" is "I typed them in, but" (guesses put into the field),
  // and the rules read password; the word model reads "二つ" ("two", as in 二つのアカウント) as the
  // multiple-accounts mails' and vetoes the article. Not pairing overlapping character pairs again
  // (afc405b) brought the reply back until holdout46–53 were learnt. `it.fails` turns red the day
  // the reply comes back, so this can be made a plain case again.
  it.fails('answers a plain ja password request in new wording with its article (held by the word model)', async () => {
    const t = await classifyEmail(
      mail({ Subject: 'KDP' }, '思いつくパスワードを二つ三つ入れましたが、どれも違うと出ます。新しいパスワードにするにはどうすればよいでしょうか。'),
      { supportAddresses: [SUPPORT] },
    );
    expect(t.category).toBe('password');
    expect(t.autoReply).toBe(true);
  });

  it.each([
    'Last night I got an email about a sign-in to my account from a device in Vietnam. Now I cannot get into my KDP account. Please lock the account.',
    'Stanotte mi sono arrivati 4 SMS con il codice di verifica che non ho chiesto. Qualcuno sta cercando di entrare nel mio account KDP?',
    'Heute Nacht kam eine Mail "Ihr Passwort wurde geändert". Das war ich nicht! Jetzt komme ich mit meinem Passwort nicht mehr rein.',
  ])('leaves a fear of intrusion to a person: %s', async (body) => {
    const t = await classifyEmail(mail({ Subject: 'help' }, body), { supportAddresses: [SUPPORT] });
    expect(t.autoReply).toBe(false);
  });

  it("reads our reply quoted back as quoted, even though it names the customer's address", async () => {
    const t = await classifyEmail(
      mail(
        { Subject: 'AW: Ihre Anfrage' },
        'Danke, aber jetzt kommt ein 404 Fehler nach der Anmeldung.\n\nVon: KDP Support <support@kdp.example.com>\nGesendet: Dienstag\nAn: Pat Author <pat@example.com>\nBetreff: Ihre Anfrage\n\nProbleme mit der Zwei-Schritt-Verifizierung? Der Code kommt nicht an?',
      ),
      { supportAddresses: [SUPPORT] },
    );
    expect(t.category).toBe('error-404');
    expect(t.evidence.filter((e) => e.category === 'two-step-verification').every((e) => e.source === 'quoted')).toBe(true);
  });

  it('is unsure, and says so, when two problems weigh the same', async () => {
    const t = await classifyEmail(
      mail({}, 'The page says my email address is not recognised. With my other address it says my password is incorrect and the reset email never arrives.'),
    );
    expect(t.autoReply).toBe(false);
    expect(codes(t)).toContain('low-confidence');
    expect([t.category, ...t.secondary]).toEqual(expect.arrayContaining(['email-address', 'password']));
  });

  it('holds the article for a break-in or a death without doubting the category', () => {
    // The cut is for the reply's sake: the category stays as sure as before (a second reading
    // must not replace it on that account; see second-opinion.ts).
    for (const own of [
      'I think someone hacked my account last week. Since then the two-step verification code never arrives on my phone when I sign in.',
      'My husband passed away and I need to get into his KDP account; the verification code goes to his phone, which I have, but it never arrives.',
    ]) {
      const c = classifyParts({ subject: 'KDP sign in', own, quoted: '', forwarded: '', signature: '', attachmentNames: [] });
      expect(c.category).toBe('two-step-verification');
      expect(c.confidence).toBeLessThan(0.8);
      expect(c.categoryConfidence).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('tells the language of a line or two from the subject as well', async () => {
    const t = await classifyEmail(mail({ Subject: 'Login funktioniert seit gestern nicht mehr' }, 'Details im Betreff. Gruß'));
    expect({ language: t.language, category: t.category }).toEqual({ language: 'de', category: 'sign-in-general' });
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
