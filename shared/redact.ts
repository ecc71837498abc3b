import type { ParsedEmail } from './types.ts';

/**
 * Removes secrets and personal numbers from text before it is stored or logged: passwords typed
 * into the email, one-time codes, card numbers (Luhn-checked), IBANs (mod-97-checked) and phone
 * numbers. Only the secret is replaced, with a placeholder (`[password]`, `[code]`, `[card]`,
 * `[iban]`, `[phone]`), so the text still reads and classifies ("my password is [password]").
 * A phone number keeps its country code ("+44 [phone]"): the mobile-phone article needs to know
 * one was given. Years, case numbers, ISBNs, prices, "error 500" and "10-15 minutes" stay.
 *
 * Redaction works line by line: no pattern matches a line break, and to the look-arounds and
 * `\b` a line break looks like the start or end of the text (not a word, digit or sign), so
 * `redact(a + '\n' + b) === redact(a) + '\n' + redact(b)`. `redactEmail` relies on it.
 *
 * Every pattern is linear: bounded quantifiers only, no nested unbounded repetition. The
 * keyword patterns run without the `u` flag: V8 scans ASCII-led case-insensitive alternations
 * several times faster without it (Unicode case folding is not needed for these words).
 */
export function redact(text: string): string {
  if (text === '') return text;
  const out = text.replace(PASSWORD, redactPassword);
  // Every number pattern needs a digit and stays within a line, so only the stretches of lines
  // that hold digits are read (a 200 KB quoted thread is mostly prose).
  let result = '';
  let done = 0;
  DIGIT.lastIndex = 0;
  for (let m = DIGIT.exec(out); m !== null; m = DIGIT.exec(out)) {
    const start = out.lastIndexOf('\n', m.index) + 1;
    // Lines with digits close together are read as one stretch: fewer, longer passes.
    let end = m.index;
    for (;;) {
      const lineEnd = out.indexOf('\n', end);
      end = lineEnd < 0 ? out.length : lineEnd;
      DIGIT.lastIndex = end;
      const next = DIGIT.exec(out);
      if (next === null || next.index - end > STRETCH_GAP) break;
      end = next.index;
    }
    result += out.slice(done, start) + redactNumbers(out.slice(start, end));
    done = end;
    DIGIT.lastIndex = end;
  }
  return done === 0 ? out : result + out.slice(done);
}

const DIGIT = /\d/g;
/** Lines with digits this close (in characters) are redacted in one pass. */
const STRETCH_GAP = 4096;

/** The number patterns, in order, over a stretch of whole lines. */
function redactNumbers(lines: string): string {
  let out = lines.replace(IBAN, redactIban);
  out = out.replace(CARD, redactCard);
  out = out.replace(INTERNATIONAL_PHONE, redactInternational);
  out = out.replace(CODE, redactCode);
  out = out.replace(PHONE_AFTER_WORD, redactPhoneAfterWord);
  out = out.replace(NATIONAL_PHONE, redactNationalPhone);
  return out;
}

const redactIban = (m: string) => (ibanValid(m) ? '[iban]' : m);
const redactCard = (m: string) => (cardLike(m) ? '[card]' : m);
const redactCode = (_m: string, before: string) => `${before}[code]`;
const redactPhoneAfterWord = (_m: string, before: string) => `${before}[phone]`;
const redactNationalPhone = (m: string) => (digitCount(m) >= 7 ? '[phone]' : m);

/** A copy of a parsed email with every free-text field redacted (headers kept: they carry no typed secrets). */
export function redactEmail(email: ParsedEmail): ParsedEmail {
  const subject = redact(email.subject);
  const text = redact(email.text);
  // Redaction works line by line: when it left the text as it was, a part that is a run of whole
  // lines of the text (the usual own, quoted or signature block) has nothing to redact either.
  const textUnchanged = text === email.text;
  const redactPart = (part: string) => (textUnchanged && isRunOfLines(part, email.text) ? part : redact(part));
  return {
    ...email,
    subject,
    text,
    html: email.html === null ? null : redact(email.html),
    customer: {
      own: redactPart(email.customer.own),
      quoted: redactPart(email.customer.quoted),
      forwarded: redactPart(email.customer.forwarded),
      signature: redactPart(email.customer.signature),
    },
    // The Subject header usually holds the subject as parsed: its redaction is already done.
    headers: email.headers.map((h) =>
      h.key === 'subject' ? { key: h.key, value: h.value === email.subject ? subject : redact(h.value) } : h,
    ),
  };
}

/** `part` occurs in `text` (first occurrence) from the start of a line to the end of a line. */
function isRunOfLines(part: string, text: string): boolean {
  const at = text.indexOf(part);
  if (at === -1) return false;
  const end = at + part.length;
  return (at === 0 || text.charCodeAt(at - 1) === 10) && (end === text.length || text.charCodeAt(end) === 10);
}

// ── passwords ────────────────────────────────────────────────────────────────────────────
// "password is X", "password: X", "pw=X" in the eight languages; the secret is one token.
const PASSWORD_WORD =
  '(?:\\b(?:passwords?|passwort|kennwort|passwd|pwd|pw|passcode|mot de passe|mdp|contrase[ñn]a|clave|senha|palavra-passe|wachtwoord|parola d\'ordine)\\b|パスワード|暗証番号)';
const COPULA = '(?:(?:ist|is|was|war|lautet|est|[ée]tait|es|era|è|é)(?![A-Za-z0-9\\u00c0-\\u024f])|=|:|：|は)';
const PASSWORD = new RegExp(
  `(${PASSWORD_WORD}(?:[ \\t\\u00a0]+(?:now|set to|jetzt|maintenant|ahora|adesso|agora|nu))?[ \\t\\u00a0]*(${COPULA})[ \\t\\u00a0]*:?[ \\t\\u00a0]*)(["'“‘«「„]?)([^\\s"'“”‘’«»「」„]{1,64})`,
  'gi',
);
/** Words that follow "password is/:" in prose, not secrets. */
const NOT_A_SECRET = new Set(
  (
    'fine correct incorrect wrong right not being case the a an my your his her our their still also very too definitely ' +
    'invalid expired ok okay good valid strong weak new old same different saved stored long short rejected accepted ' +
    'check reset forgotten forgot changed unknown none missing required empty blank definitely really always never ' +
    'and or but for to in on of with that this it which when if so please manager i' +
    ' ich ist nicht falsch richtig korrekt ein eine mein dein das der die und abgelaufen ' +
    'est pas faux correct le la les mon un une et incorrect je tout ' +
    'es no incorrecta correcta mi el la los una un y yo ' +
    'è non sbagliata corretta il lo la mia un una e io ' +
    'é não errada correta minha o a um uma e eu ' +
    'is niet fout juist goed mijn een het de en ik'
  ).split(' '),
);

function redactPassword(whole: string, lead: string, copula: string, quote: string, fullToken: string): string {
  // Japanese has no spaces: after "パスワードは" the token runs on into the sentence ("は合って
  // いるのに…"). A typed password is ASCII, so only an ASCII run there is a candidate.
  const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/.test(lead);
  const token = japanese ? (/^[!-~]*/.exec(fullToken)?.[0] ?? '') : fullToken;
  if (token === '') return whole;
  // The match is lead + quote + token; what the ASCII run left over stays as written.
  return redactToken(`${lead}${quote}${token}`, lead, copula, quote, token) + fullToken.slice(token.length);
}

function redactToken(whole: string, lead: string, copula: string, quote: string, token: string): string {
  const trailing = /[.,;:!?)\]]+$/.exec(token)?.[0] ?? '';
  const core = quote === '' ? token.slice(0, token.length - trailing.length) : token;
  if (core === '') return whole;
  const plainWord = NOT_A_SECRET.has(core.toLowerCase());
  const keyValue = copula === '=' || copula === ':' || copula === '：' || copula === 'は';
  // After "is/ist/est…" only a secret-looking token (digit, symbol, inner capital) or a quoted
  // one is taken: "my password is fine" must stay. After ":"/"=" anything but a common word is.
  const secretLike = /\d|[^\p{L}\p{N}]|\p{Ll}\p{Lu}/u.test(core) || quote !== '';
  if (plainWord || (!keyValue && !secretLike)) return whole;
  return `${lead}${quote}[password]${quote === '' ? trailing : ''}`;
}

// ── one-time codes ───────────────────────────────────────────────────────────────────────
// A 4–8 digit group (or "123 456") shortly after a code word; phone-length runs are left to
// the phone rules, and 19xx/20xx alone is a year.
const CODE = new RegExp(
  '((?:\\b(?:codes?|otp|2fa|mfa|passcode|pin|token|verification|verify|bestätigungscode|sicherheitscode|code de vérification|código|codigo|codice|verificatiecode|inlogcode)\\b|コード|認証番号|確認番号)' +
    '[^\\n\\d\\[]{0,30}?)' +
    '(?<![\\d+\\-./])(?!(?:19|20)\\d\\d(?![ -]?\\d))(\\d{3}[ -]\\d{3}|\\d{4,8})(?![ -]?\\d|[.,/:-]\\d)',
  'gi',
);

// ── cards and IBANs ──────────────────────────────────────────────────────────────────────
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;

function cardLike(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19) return false;
  // ISBN-13s are 978/979 numbers and sometimes pass Luhn by chance.
  if (digits.length === 13 && /^97[89]/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;

function ibanValid(candidate: string): boolean {
  const iban = candidate.replace(/ /g, '');
  if (iban.length < 15 || iban.length > 34) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
    remainder = value > 9 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}

// ── phones ───────────────────────────────────────────────────────────────────────────────
// "+44 7700 900123", "+447700900123", "0044 7700 900123", "+1 (555) 555-0142", "+49 (0)30 1234567".
const INTERNATIONAL_PHONE = /(?<![\w+])(\+|00)(\d{1,3})((?:[ .\-\u00a0]?(?:\(\d{1,4}\)|\d)){6,14})(?![\d])/g;
const ONE_DIGIT_CODES = new Set(['1', '7']);
const TWO_DIGIT_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(' '),
);

function redactInternational(whole: string, prefix: string, codeDigits: string, rest: string): string {
  // The country code is 1–3 digits; when written without a space its length comes from the ITU plan.
  const joined = codeDigits + rest;
  const digits = joined.replace(/\D/g, '');
  if (digits.length < 8 || digits.length > 15) return whole;
  let code: string;
  if (/^\d{1,3}[ .\-\u00a0(]/.test(joined)) code = codeDigits;
  else if (ONE_DIGIT_CODES.has(digits[0]!)) code = digits.slice(0, 1);
  else if (TWO_DIGIT_CODES.has(digits.slice(0, 2))) code = digits.slice(0, 2);
  else code = digits.slice(0, 3);
  return `${prefix}${code} [phone]`;
}

// After a phone word: "my mobile is 555 0142", "Handynummer: 0151 2345678", "電話番号は090-1234-5678".
const PHONE_AFTER_WORD = new RegExp(
  '((?:\\b(?:phone|mobile|cell|cellphone|tel|telephone|handy|handynummer|telefon|telefonnummer|mobilnummer|t[ée]l[ée]phone|portable|tel[ée]fono|m[óo]vil|celular|telefone|telem[óo]vel|cellulare|mobiel|mobiele|telefoonnummer|gsm)\\b|電話|携帯)' +
    '[^\\n\\d\\[+]{0,30}?)' +
    '(?<![\\d\\-./])(\\(?\\d{2,5}\\)?(?:[ .\\-]?\\d{2,5}){1,4})(?![\\d]|[.,/:-]\\d)',
  'gi',
);
// Written without a phone word: UK-style "07700 900123" / "020 7946 0321" and US "(555) 555-0142", "555-555-0142", "555-0142".
const NATIONAL_PHONE =
  /(?<![\w\-./+])(?:0\d{2,4}[ \-]?\d{3,4}[ \-]?\d{3,4}|\(\d{3}\)[ ]?\d{3}[\-. ]\d{4}|\d{3}[\-.]\d{3}[\-.]\d{4}|\d{3}-\d{4})(?![\w\-]|[.,/:]\d)/g;

function digitCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}
