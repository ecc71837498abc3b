import type { CustomerText } from '../types.ts';

/**
 * Sets apart what the customer wrote now from quoted earlier replies, forwarded messages,
 * signatures and legal disclaimers. Nothing is deleted: every line of `text` lands in exactly one
 * of `own`, `quoted`, `forwarded`, `signature` (in order of appearance; surrounding blank lines
 * trimmed). Line-based and linear; only the first `MAX_SPLIT_CHARS` are examined, the rest joins
 * the section of the last examined line.
 */
export interface SplitOptions {
  /** The message's subject: an Outlook header block under "FW:"/"WG:"/"TR:"… is a forward. */
  subject?: string;
}

export const MAX_SPLIT_CHARS = 256 * 1024;
/** Lines longer than this are not read for markers (no marker is that long). */
const MAX_MARKER_LINE = 400;

type Section = 'own' | 'quoted' | 'forwarded' | 'signature';

// Inline forward separators of the common clients in en/de/fr/es/it/pt/nl/ja.
const FORWARD_DASHED =
  /^[ \t]*-{2,}[ \t]*(?:forwarded message|forwarded by .{1,80}|weitergeleitete nachricht|message transf[ée]r[ée]|mensaje reenviado|messaggio inoltrato|mensagem (?:re)?encaminhada|doorgestuurd bericht|転送(?:された)?メッセージ)[ \t]*-{2,}[ \t]*$/i;
const FORWARD_BEGIN =
  /^[ \t]*(?:begin forwarded message|anfang der weitergeleiteten (?:nachricht|e-?mail)|d[ée]but du message (?:r[ée]exp[ée]di[ée]|transf[ée]r[ée])|(?:inicio|comienzo) del mensaje reenviado|inizio (?:del )?messaggio inoltrato|in[íi]cio da mensagem (?:re)?encaminhada|begin doorgestuurd bericht|転送メッセージの開始)[ \t]*[:：]?[ \t]*$/i;
// The returned copy in a plain-text bounce (qmail, Exim, sendmail).
const BOUNCE_COPY =
  /^[ \t]*-{2,}[ \t]*(?:below this line is a copy of the message\.?|this is a copy of the message, including all the headers\.?|original message follows|(?:the )?original message(?: headers)? (?:was|is) attached)[ \t]*(?:-{2,})?[ \t]*$/i;
// Outlook / Thunderbird reply separators.
const ORIGINAL_MESSAGE =
  /^[ \t]*-{2,}[ \t]*(?:original message|urspr[üu]ngliche nachricht|message d'origine|mensaje original|messaggio originale|mensagem original|oorspronkelijk bericht|origineel bericht|元のメッセージ|reply message)[ \t]*-{2,}[ \t]*$/i;
const UNDERSCORES = /^[ \t]*_{10,}[ \t]*$/;
// The lines of an Outlook header block ("From: … Sent: … To: … Subject: …") in the eight languages.
const HEADER_FROM = /^[ \t]*\*?(?:from|von|de|da|van|差出人|送信者)[ \t\u00a0]*[:：]\*?[ \t]*\S/i;
const HEADER_DATE =
  /^[ \t]*\*?(?:sent|date|gesendet|datum|envoy[ée]|date d'envoi|enviado(?: el)?|enviada(?: em)?|fecha|inviato(?: il)?|data(?: de envio)?|verzonden(?: op)?|verstuurd|送信日時|日付|日時)[ \t\u00a0]*[:：]/i;
const HEADER_SUBJECT = /^[ \t]*\*?(?:subject|betreff|objet|asunto|oggetto|assunto|onderwerp|件名)[ \t\u00a0]*[:：]/i;
const HEADER_TO = /^[ \t]*\*?(?:to|an|à|a|para|aan|宛先|cc)[ \t\u00a0]*[:：]/i;
// "On … wrote:" in the eight languages; German and Dutch clients put the verb before the name.
const REPLY_START = /^[ \t]*(?:on|am|le|el|il|em|op|den)[ \t\u00a0]/i;
const REPLY_VERB = /(?:wrote|schrieb|a [ée]crit|escribi[óo]|ha scritto|escreveu|schreef|geschreven|skrev)/i;
const REPLY_ANY = /^.{1,200}\b(?:wrote|schrieb|a [ée]crit|escribi[óo]|ha scritto|escreveu|schreef)[ \t]*[:：][ \t]*$/i;
// Japanese Gmail / Outlook: "2025年5月6日(火) 10:00 KDP Support <support@…>:", "…のメッセージ:", "…は書きました:".
const REPLY_JA = /^[ \t]*(?:\d{4}年\d{1,2}月\d{1,2}日.{0,200}@.{0,200}[:：]|.{0,200}(?:のメッセージ|は書きました|さんが書きました)[:：])[ \t]*$/;
/** A reply header names a date or an address; "On my phone it wrote:" does not. */
const HAS_DATE_OR_ADDRESS = /\d|@/;
const FORWARD_SUBJECT = /^[ \t]*(?:fwd?|fw|wg|tr|rv|i|enc|doorst|転送)[ \t]*[:：]/i;

// Signatures.
const SIG_DELIMITER = /^(?:-- ?|—|__)$/;
const MOBILE_SIGNATURE =
  /^[ \t]*(?:sent (?:from|with|via) (?:my )?[\w .,'’-]{1,40}|get outlook for [\w ]{1,20}|von meinem [\w .-]{1,30} gesendet|gesendet von [\w .-]{1,30}|envoy[ée] (?:de|depuis) (?:mon )?[\w .-]{1,30}|enviado (?:desde|do|de) (?:mi |meu |o meu )?[\w .-]{1,30}|inviato da [\w .-]{1,30}|(?:verzonden|verstuurd) (?:vanaf|met|van) (?:mijn )?[\w .-]{1,30}|[\w .-]{1,30}から送信)[ \t]*(?:<https?:[^>\s]{1,200}>)?[ \t]*$/i;
const CLOSING =
  /^[ \t]*(?:thanks?(?: you)?(?: (?:so|very) much)?|many thanks|thx|cheers|regards|best(?: regards| wishes)?|kind(?:est)? regards|warm(?: regards)?|sincerely|yours(?: sincerely| truly)?|respectfully|with thanks|thanks again|thanks in advance|mit freundlichen gr[üu](?:ß|ss)en|freundliche gr[üu](?:ß|ss)e|viele gr[üu](?:ß|ss)e|beste gr[üu](?:ß|ss)e|liebe gr[üu](?:ß|ss)e|lg|mfg|danke(?: sch[öo]n)?|vielen dank|cordialement|bien cordialement|bien [àa] vous|merci(?: beaucoup| d'avance)?|salutations|saludos(?: cordiales)?|un saludo|atentamente|gracias(?: de antemano)?|muchas gracias|cordiali saluti|distinti saluti|saluti|grazie(?: mille)?|atenciosamente|cumprimentos|obrigad[oa]|abra[çc]os|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|hartelijke groet(?:en)?|bedankt|dank u(?: wel)?|敬具|以上)[ \t]*[,.!。、]*[ \t]*$/i;
const DISCLAIMER =
  /^[ \t]*(?:\*{0,2}(?:confidentiality notice|confidentiality|disclaimer|legal notice|privileged (?:&|and) confidential|vertraulichkeitshinweis|haftungsausschluss|avis de confidentialit[ée]|aviso de confidencialidad|aviso legal|avviso di riservatezza|aviso de confidencialidade|vertrouwelijkheid)\b|this (?:e-?mail|message|communication|transmission)(?: and any (?:files|attachments?|documents)(?: transmitted with it)?)? (?:is|are|may be|may contain|contains?)\b.{0,40}\b(?:confidential|privileged|intended)|the (?:information|contents?) (?:contained )?in this (?:e-?mail|message)|if you (?:are not|have received this) (?:the intended recipient|(?:e-?mail|message) in error)|diese (?:e-?mail|nachricht) (?:enth[äa]lt|ist) vertraulich|ce (?:message|courriel|e-?mail) .{0,60}confidenti|este (?:correo|mensaje|e-?mail) .{0,80}confidencial|questa (?:e-?mail|comunicazione|mail) .{0,80}riservat|esta (?:mensagem|e-?mail) .{0,80}confidencia|dit (?:e-?mail)?(?:bericht)? .{0,60}vertrouwelijk|この(?:電子)?メール.{0,40}(?:機密|秘密))/i;
/** A line that can stand in a signature's name block: short, few words, or a contact detail. */
const CONTACT_LINE = /(?:@|https?:|www\.|\+?\d[\d ().-]{6,}\d|^[ \t]*(?:t|tel|phone|mob|mobile|m|fax|e|email|web)\b\.?[ \t]*[:.])/i;

/** A company line of details set apart by " | " (name | street | VAT number): long, but a signature's. */
const DETAILS_LINE = /[^|]\s\|\s[^|]+\s\|\s/;

export function splitCustomerText(text: string, options: SplitOptions = {}): CustomerText {
  const head = text.length > MAX_SPLIT_CHARS ? text.slice(0, MAX_SPLIT_CHARS) : text;
  // The unexamined rest continues the last examined line and joins its section.
  const restIsBlank = text.length <= MAX_SPLIT_CHARS || isBlank(text.slice(MAX_SPLIT_CHARS));
  const lines = head.split('\n');
  const sections = markQuotesAndForwards(lines, FORWARD_SUBJECT.test(options.subject ?? ''));
  markSignatures(lines, sections);

  // Where each line starts in `text`; the last line ends at the end of `text`.
  const lineStart = new Array<number>(lines.length + 1);
  lineStart[0] = 0;
  for (let i = 0; i < lines.length; i++) lineStart[i + 1] = lineStart[i]! + lines[i]!.length + 1;
  lineStart[lines.length] = text.length + 1;
  const blankAt = (i: number) => isBlank(lines[i]!) && (i < lines.length - 1 || restIsBlank);

  // A run of lines in one section is one block (a new block of a section after another section
  // starts a new paragraph): a slice of `text`, blank lines at its ends left out.
  const blocks: Record<Section, string[]> = { own: [], quoted: [], forwarded: [], signature: [] };
  for (let start = 0; start < lines.length; ) {
    const section = sections[start] ?? 'own';
    let end = start + 1;
    while (end < lines.length && (sections[end] ?? 'own') === section) end++;
    let first = start;
    let last = end - 1;
    while (first <= last && blankAt(first)) first++;
    while (last > first && blankAt(last)) last--;
    if (first <= last) blocks[section].push(text.slice(lineStart[first], lineStart[last + 1]! - 1));
    start = end;
  }
  return {
    own: blocks.own.join('\n\n'),
    quoted: blocks.quoted.join('\n\n'),
    forwarded: blocks.forwarded.join('\n\n'),
    signature: blocks.signature.join('\n\n'),
  };
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 13) return false;
  }
  return true;
}

function isQuotedLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return false;
}

/** Index of the next non-blank line at or after `from`, or -1. */
function nextNonBlank(lines: string[], from: number, within = 6): number {
  for (let i = from; i < lines.length && i < from + within; i++) if (!isBlank(lines[i]!)) return i;
  return -1;
}

/** An Outlook-style header block starting at `i`: From plus a date/sent line and a subject or to line close below. */
function isHeaderBlock(lines: string[], i: number): boolean {
  if (!HEADER_FROM.test(lines[i]!)) return false;
  let date = false;
  let other = false;
  for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
    const line = lines[j]!;
    if (line.length > MAX_MARKER_LINE) break;
    if (HEADER_DATE.test(line)) date = true;
    else if (HEADER_SUBJECT.test(line) || HEADER_TO.test(line)) other = true;
  }
  return date && other;
}

/**
 * How many lines (1–3) an "On … wrote:" header starting at `i` spans, or 0. Clients wrap a
 * long header ("On Tue, … KDP Support <\nsupport@…> wrote:"), so up to three lines are joined.
 */
function replyHeaderLength(lines: string[], i: number): number {
  const first = lines[i]!;
  // Every header form ends its first line with a colon, or starts like "On …" and wraps.
  const firstEndsWithColon = endsWithColon(first);
  if (firstEndsWithColon && REPLY_JA.test(first)) return 1;
  const startsLikeReply = REPLY_START.test(first);
  if (!firstEndsWithColon && !startsLikeReply) return 0;
  let joined = '';
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    const line = lines[i + k]!;
    if (line.length > MAX_MARKER_LINE || (k > 0 && isBlank(line))) return 0;
    joined = k === 0 ? line : `${joined} ${line.trim()}`;
    if (k === 0 ? firstEndsWithColon : endsWithColon(line)) {
      if (startsLikeReply && REPLY_VERB.test(joined) && HAS_DATE_OR_ADDRESS.test(joined)) return k + 1;
      // "KDP Support wrote:" without a date: only a header when a quote follows.
      if (k === 0 && REPLY_ANY.test(joined)) {
        const next = nextNonBlank(lines, i + 1);
        return next !== -1 && isQuotedLine(lines[next]!) ? 1 : 0;
      }
      return 0;
    }
    if (!startsLikeReply) return 0;
  }
  return 0;
}

/** `[:：][ \t]*$` without a regex: asked of nearly every line, and a backwards look is enough. */
function endsWithColon(line: string): boolean {
  let i = line.length - 1;
  while (i >= 0 && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i--;
  const c = line.charCodeAt(i);
  return c === 58 /* : */ || c === 0xff1a /* ： */;
}

/** The first character that is not a space or tab (the separators' patterns allow those before it). */
function firstVisible(line: string): number {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  return line.charCodeAt(i);
}

function markQuotesAndForwards(lines: string[], forwardSubject: boolean): Section[] {
  const sections: Section[] = new Array<Section>(lines.length);
  let previous: Section = 'own';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line)) {
      sections[i] = previous;
      continue;
    }
    if (line.length <= MAX_MARKER_LINE) {
      // Everything below a forward separator is the forwarded message (its own quotes included).
      // The dashed and underscored separators are only tried on lines that start with a dash or underscore.
      const first = firstVisible(line);
      const dashed = first === 45; /* - */
      if ((dashed && FORWARD_DASHED.test(line)) || FORWARD_BEGIN.test(line) || (dashed && BOUNCE_COPY.test(line))) {
        return fillFrom(sections, i, 'forwarded');
      }
      const outlook =
        (dashed && ORIGINAL_MESSAGE.test(line)) ||
        (first === 95 /* _ */ && UNDERSCORES.test(line) && nextNonBlank(lines, i + 1, 3) !== -1 && isHeaderBlock(lines, nextNonBlank(lines, i + 1, 3))) ||
        isHeaderBlock(lines, i);
      // Outlook quotes the whole earlier message unprefixed below its header block; when the
      // message below starts with "> " instead, the writer answers between its lines.
      if (outlook) {
        const below = forwardSubject ? -1 : prefixedQuoteBelowHeader(lines, i);
        if (below === -1) return fillFrom(sections, i, forwardSubject ? 'forwarded' : 'quoted');
        for (let k = i; k < below; k++) sections[k] = 'quoted';
        i = below - 1;
        previous = 'quoted';
        continue;
      }
      const header = replyHeaderLength(lines, i);
      if (header > 0) {
        for (let k = 0; k < header; k++) sections[i + k] = 'quoted';
        i += header - 1;
        previous = 'quoted';
        // A header followed by unprefixed text quotes everything below it.
        const next = nextNonBlank(lines, i + 1, lines.length);
        if (next !== -1 && !isQuotedLine(lines[next]!)) return fillFrom(sections, i + 1, 'quoted');
        continue;
      }
    }
    previous = isQuotedLine(line) ? 'quoted' : 'own';
    sections[i] = previous;
  }
  return sections;
}

/**
 * The first line of a "> "-prefixed quote under the header block that starts at `i` (its
 * separator and header lines, up to the first blank line), or -1 when the quote is unprefixed.
 */
function prefixedQuoteBelowHeader(lines: string[], i: number): number {
  let j = i + 1;
  while (j < lines.length && j <= i + 12 && !isBlank(lines[j]!)) j++;
  const next = nextNonBlank(lines, j);
  return next !== -1 && isQuotedLine(lines[next]!) ? next : -1;
}

function fillFrom(sections: Section[], from: number, section: Section): Section[] {
  for (let i = from; i < sections.length; i++) sections[i] = section;
  return sections;
}

/** Within each run of `own` lines, moves a trailing signature / disclaimer to `signature`. */
function markSignatures(lines: string[], sections: Section[]): void {
  let i = 0;
  while (i < lines.length) {
    if (sections[i] !== 'own') {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && sections[end] === 'own') end++;
    const start = signatureStart(lines, i, end);
    if (start !== -1) for (let k = start; k < end; k++) sections[k] = 'signature';
    i = end;
  }
}

/** First line of the signature in the own run [from, to), or -1. One pass, bounded look-ahead per line. */
function signatureStart(lines: string[], from: number, to: number): number {
  // Non-blank lines from each position to the run's end, counted once at the first "-- " so
  // further ones need no re-count.
  let below: number[] | null = null;
  for (let i = from; i < to; i++) {
    const line = lines[i]!;
    if (line.length > MAX_MARKER_LINE || isBlank(line)) continue;
    const trimmed = line.trim();
    // "-- " ends the message by convention; a long run below it is more likely prose after a separator.
    if (SIG_DELIMITER.test(trimmed)) {
      below ??= nonBlankBelow(lines, from, to);
      if (below[i - from + 1]! <= 20) return i;
    }
    if (MOBILE_SIGNATURE.test(trimmed)) return i;
    if (paragraphStart(lines, i, from) && DISCLAIMER.test(line) && to - i <= 40) return i;
    if (CLOSING.test(trimmed) && i > from && isNameBlock(lines, i + 1, to)) return i;
  }
  return -1;
}

/** For each line of [from, to) (and `to` itself), how many non-blank lines lie from it to `to`. */
function nonBlankBelow(lines: string[], from: number, to: number): number[] {
  const below = new Array<number>(to - from + 1).fill(0);
  for (let i = to - 1; i >= from; i--) below[i - from] = below[i - from + 1]! + (isBlank(lines[i]!) ? 0 : 1);
  return below;
}

function paragraphStart(lines: string[], i: number, from: number): boolean {
  return i === from || isBlank(lines[i - 1]!);
}

/**
 * After a closing ("Regards,"), what follows up to the run's end (or a disclaimer) must be a
 * short name block: at most six short lines of a few words or contact details. Anything longer
 * may be the customer going on about the problem, so it stays in `own`.
 */
function isNameBlock(lines: string[], from: number, to: number): boolean {
  let count = 0;
  // A name block with its blank lines fits in this many lines; a longer tail is not one.
  if (to - from > 40 && !hasDisclaimerWithin(lines, from, Math.min(to, from + 40))) return false;
  for (let i = from; i < to && i < from + 40; i++) {
    const line = lines[i]!;
    if (isBlank(line)) continue;
    // Under a closing and a name, a disclaimer may follow the company line without a blank line.
    if (DISCLAIMER.test(line)) return true;
    count++;
    if (count > 6) return false;
    if (DETAILS_LINE.test(line)) continue;
    if (line.length > 60) return false;
    const words = line.trim().split(/\s+/).length;
    if (words > 6 && !CONTACT_LINE.test(line)) return false;
    if (/[?？]\s*$/.test(line)) return false;
  }
  return true;
}

function hasDisclaimerWithin(lines: string[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (lines[i]!.length <= MAX_MARKER_LINE && paragraphStart(lines, i, from) && DISCLAIMER.test(lines[i]!)) return true;
  return false;
}

// Who "we" are in an attribution or header line when the caller names no address: a support
// team of KDP in the eight languages, or a support/help mailbox.
const OUR_NAME =
  /\b(?:kdp|kindle direct publishing)\b.{0,24}(?:support|supporto|suporte|soporte|assistance|team|[ée]quipe|equipo|kundendienst|kundenservice|ondersteuning|helpdesk|サポート)|(?:support|supporto|suporte|soporte|assistance|kundendienst|service|servicio|servizio|servi[çc]o)\b.{0,24}\b(?:kdp|kindle direct publishing)\b|KDP\s*サポート|(?:^|[<\s"(:])(?:support|help|kdp|kdp[-.]support)@/i;

/** How many `>` start the line (spaces between them allowed). */
function quoteDepth(line: string): number {
  let depth = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 62 /* > */) depth++;
    else if (c !== 32 && c !== 9) break;
  }
  return depth;
}

/** How much of the quoted text is searched for our answer and read as it. */
const OUR_ANSWER_SCAN_CHARS = 16 * 1024;

const unquote = (line: string) => line.replace(/^[ \t]*(?:>[ \t]?)+/, '');

/** Where another quoted message opens at `i` (of lines without quote marks): "On … wrote:", an Outlook From line or separator. */
function opensMessage(plain: string[], i: number): boolean {
  const text = plain[i]!;
  return replyHeaderLength(plain, i) > 0 || HEADER_FROM.test(text) || ORIGINAL_MESSAGE.test(text) || UNDERSCORES.test(text);
}

/**
 * Our earlier answer as the reply quotes it: the text under the first attribution or header
 * block that names us (one of `supportAddresses`, or a KDP support team by name), without its
 * quote marks and without the older messages quoted inside it. '' when the quote holds nothing
 * of ours. Used to tell "the article again" (a loop) from an answer to something new.
 */
export function ourQuotedAnswer(quoted: string, supportAddresses: readonly string[] = []): string {
  if (!quoted) return '';
  // Our answer sits at the top of what is quoted: a long thread's older history is not read.
  const lines = quoted.slice(0, OUR_ANSWER_SCAN_CHARS).split('\n');
  const plain = lines.map(unquote);
  const addresses = supportAddresses.map((a) => a.trim().toLowerCase()).filter(Boolean);
  const namesUs = (text: string) => {
    const lower = text.toLowerCase();
    return addresses.some((a) => lower.includes(a)) || OUR_NAME.test(text);
  };
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.length > MAX_MARKER_LINE) continue;
    // "On …, KDP Support <support@…> wrote:" (wrapped over up to three lines), or an Outlook block.
    const attribution = replyHeaderLength(plain, i);
    const outlook = attribution === 0 && HEADER_FROM.test(plain[i]!);
    if (!attribution && !outlook) continue;
    if (!namesUs(plain.slice(i, i + Math.max(attribution, 1)).join(' '))) continue;
    let j = i + Math.max(attribution, 1);
    // The rest of an Outlook block (Sent, To, Subject) and blank lines stand before the body.
    while (j < lines.length && (isBlank(plain[j]!) || (outlook && (HEADER_DATE.test(plain[j]!) || HEADER_TO.test(plain[j]!) || HEADER_SUBJECT.test(plain[j]!))))) j++;
    if (j >= lines.length) return '';
    const depth = quoteDepth(lines[j]!);
    const body: string[] = [];
    for (; j < lines.length; j++) {
      if (isBlank(plain[j]!)) {
        body.push('');
        continue;
      }
      if (quoteDepth(lines[j]!) !== depth || opensMessage(plain, j)) break;
      body.push(plain[j]!);
    }
    return body.join('\n').trim();
  }
  return '';
}
