import { classifyParts, type Classification } from './classify/classify.ts';
import { classifierInput } from './classify/classifier-input.ts';
import { detectLanguage } from './classify/language.ts';
import type { SignalName } from './classify/lexicon.ts';
import { combineReadings } from './classify/second-opinion.ts';
import type { WordModel } from './classify/word-model.ts';
import { trainedWordModel } from './classify/trained-model.ts';
import { detectAutomated, ownAddressSignal } from './mail/automated.ts';
import { ourQuotedAnswer } from './mail/customer-text.ts';
import { emptyEmail, MailTooLargeError, parseEmail, UNPARSEABLE } from './mail/parse.ts';
import { redactEmail } from './redact.ts';
import type { Category } from './taxonomy.ts';
import type { ClassifyOptions, ParsedEmail, Reason, Triage } from './types.ts';

/**
 * The confidence an article reply needs. Chosen on the development corpus so that every reply
 * sent there is right, with room to spare (see README "Classifier"); below it a person answers.
 */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

/** Own words shorter than this do not tell their language alone. */
const SHORT_OWN_TEXT = 40;

export interface TriageOptions extends ClassifyOptions {
  confidenceThreshold?: number;
  /** Raw messages above this size are not parsed (the caller keeps them whole). */
  maxBytes?: number;
  /** The word model's second reading; the one trained on the repository's corpora by default. */
  wordModel?: WordModel;
}

/**
 * Parses an inbound email, decides its sign-in category and whether the matching article may
 * be sent, and says why. Never throws on a message's shape: an unreadable message comes back
 * as `other`, no reply, with the reason.
 */
export async function classifyEmail(raw: Uint8Array | string, options: TriageOptions = {}): Promise<Triage> {
  const threshold = options.confidenceThreshold ?? DEFAULT_CONFIDENCE_THRESHOLD;
  let email: ParsedEmail;
  try {
    email = await parseEmail(raw, options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes });
  } catch (error) {
    const tooLarge = error instanceof MailTooLargeError;
    return unreadable(tooLarge ? 'too-large' : 'unparseable', error instanceof Error ? error.message : String(error));
  }
  return triageParsed(email, options.supportAddresses ?? [], threshold, options.wordModel);
}

/** The decision over an already parsed message (the pipeline parses once and reuses it). */
export function triageParsed(
  parsed: ParsedEmail,
  supportAddresses: string[],
  threshold = DEFAULT_CONFIDENCE_THRESHOLD,
  wordModel: WordModel = trainedWordModel(),
): Triage {
  const email = redactEmail(parsed);
  const machine = detectAutomated(parsed, supportAddresses);
  const { own, quoted, forwarded } = email.customer;
  // A line or two ("Siehe Betreff.") says too little: the subject and a forward then count too.
  const language = detectLanguage(own.trim().length >= SHORT_OWN_TEXT ? own : `${own}\n${forwarded}\n${email.subject}`);
  const sender = parsed.from?.address ?? '';

  const input = classifierInput(parsed, email);
  const classification = classifyParts(input);
  const modelInput = { subject: input.subject, own: input.own, forwarded: input.forwarded };
  const combined = combineReadings(classification, wordModel.read(modelInput), threshold, (c) => wordModel.evidence(modelInput, c));

  let { category, confidence, secondary } = combined;
  // Bounces, newsletters and no-reply notifications speak of nothing the sender needs: their
  // words (often our own reply, returned) must not make them look like a sign-in request.
  if (machine.system) {
    category = 'other';
    secondary = [];
    confidence = 0.95;
  }

  const reasons: Reason[] = [];
  if (machine.fromSupport) reasons.push({ code: 'own-address', detail: `sent from our own address ${sender}` });
  const ownSignal = machine.fromSupport ? ownAddressSignal(sender) : null;
  const otherMachineSignals = machine.signals.filter((s) => s !== ownSignal);
  if (otherMachineSignals.length > 0) {
    reasons.push({ code: 'automated', detail: `written by a machine: ${otherMachineSignals.join('; ')}` });
  }
  if (`${own}${forwarded}`.trim() === '' && email.subject.trim() === '') {
    reasons.push({ code: 'empty-body', detail: 'the message has no text of its own' });
  } else if (`${own}${forwarded}`.trim() === '') {
    reasons.push({ code: 'empty-body', detail: 'only a subject line; a person reads it' });
  }
  // The message, or a message attached to it, could not be read as an email.
  for (const warning of parsed.warnings) {
    if (warning.includes(UNPARSEABLE)) reasons.push({ code: 'unparseable', detail: warning });
  }
  const followUp = followUpReason(classification, quoted.trim() !== '') ?? sameArticleAgain(category, quoted, supportAddresses);
  if (followUp) reasons.push(followUp);
  // Machine mail is never answered anyway: a hold would only add noise to its reasons.
  if (combined.hold && !machine.system) reasons.push(combined.hold);
  if (category === 'other') {
    reasons.push({ code: 'category-other', detail: 'not a sign-in matter: no article, a person answers' });
  } else if (combined.decidedBy === 'word-model') {
    reasons.push({
      code: 'low-confidence',
      detail: `the rules were unsure (${classification.category}, ${classification.confidence.toFixed(2)}); the word model's reading decided ${category}: a person answers`,
    });
  } else if (confidence < threshold) {
    reasons.push({
      code: 'low-confidence',
      detail: `confidence ${confidence.toFixed(2)} is below ${threshold.toFixed(2)}: marked for review`,
    });
  }

  const autoReply = reasons.length === 0;
  if (autoReply) {
    reasons.push({
      code: 'article-match',
      detail: `confident match for ${category} (${confidence.toFixed(2)} ≥ ${threshold.toFixed(2)}): article sent`,
    });
  }

  return {
    category,
    secondary,
    confidence,
    autoReply,
    reasons,
    automated: machine.automated,
    automatedSignals: machine.signals,
    language,
    evidence: combined.evidence,
    email,
  };
}

/**
 * Articles whose one remedy the writer says is already spent, or who asks for what only staff can
 * give: sending it would not be listening. Each holds only its own article (days of another
 * problem still get theirs).
 */
const REMEDY_SPENT: ReadonlyArray<{ category: Category; signal: SignalName; detail: string }> = [
  // "Try again in 10-15 minutes", after days of it.
  { category: 'error-500', signal: 'lasting-days', detail: 'a server error lasting days: the wait the article advises has not helped; an agent answers' },
  // "Answer the account-status e-mail", already answered, with nothing back.
  { category: 'error-404', signal: 'status-reply-spent', detail: 'already answered the account-status e-mail the article points to: an agent answers' },
  // …or asks us to restore the account rather than how to appeal: that decision is a person's.
  { category: 'error-404', signal: 'reinstate', detail: 'asks us to restore the closed account: only an agent can decide that' },
  // "Sign in to the right account", when the other one holds books too: those titles stay apart.
  { category: 'multiple-accounts', signal: 'books-on-both', detail: 'books on both accounts, to be moved or joined: an agent does that' },
  // The reset mail goes to a mailbox that no longer exists (signing in with the address still
  // works, so the e-mail articles still fit).
  { category: 'password', signal: 'mailbox-gone', detail: "the account's e-mail box no longer exists: an agent changes the address" },
];

/** A reply in a conversation that needs a person rather than the article again. */
function followUpReason(c: Classification, isReply: boolean): Reason | null {
  if (c.signals.includes('escalation')) {
    return { code: 'follow-up', detail: 'asks for a person or says the steps did not help: an agent answers' };
  }
  // In a fresh message "third time this month" is just frustration; in a reply to an earlier
  // answer it says the answer did not keep the problem away, and the same article would loop.
  if (isReply && c.signals.includes('recurring')) {
    return { code: 'follow-up', detail: 'the problem came back after an earlier answer: an agent answers' };
  }
  const spent = REMEDY_SPENT.find((r) => r.category === c.category && c.signals.includes(r.signal));
  if (spent) return { code: 'follow-up', detail: spent.detail };
  if (c.signals.includes('gratitude') && !c.signals.includes('problem')) {
    return { code: 'follow-up', detail: 'a thank-you: the problem is solved, nothing to send' };
  }
  return null;
}

/** An agent's question to the writer, in the eight languages (our articles ask none of these). */
const ASKS_FOR_DETAILS =
  /\b(?:could|can|would) you (?:please )?(?:tell|let|send|confirm|describe|check|clarify|explain)|\bplease (?:tell us|let us know|send us|confirm|describe|clarify)|\b(?:können|könnten|konnten) sie (?:uns )?(?:bitte )?(?:\S+ ){0,3}?(?:mitteilen|sagen|schicken|senden|bestätigen|beschreiben)|\bteilen sie uns\b|\bpourriez-vous\b|\bpouvez-vous (?:nous )?(?:indiquer|préciser|envoyer|confirmer|décrire)|\bmerci de (?:nous )?(?:préciser|indiquer|confirmer)|\b(?:podría|podrías|puede|pueden) (?:usted )?(?:indicarnos|decirnos|enviarnos|confirmarnos|describirnos|explicarnos)|\b(?:potrebbe|potreste|può) (?:indicarci|dirci|inviarci|confermarci|descriverci|spiegarci)|\b(?:poderia|pode|podem) (?:nos )?(?:informar|dizer|enviar|confirmar|descrever|explicar)|\bkunt u (?:ons )?(?:\S+ ){0,3}?(?:laten weten|vertellen|sturen|bevestigen|beschrijven)|でしょうか|教えていただけ|お知らせください/i;

/**
 * Categories whose articles give one and the same remedy: the help page fixes an empty Bookshelf
 * and an accidental second account alike ("sign out, then sign back in with the email and
 * password of your KDP account"), so either answer quoted back has already given the other.
 */
const SAME_REMEDY: ReadonlyArray<ReadonlySet<Category>> = [new Set(['multiple-accounts', 'bookshelf-empty'])];

const sameRemedy = (a: Category, b: Category) => a === b || SAME_REMEDY.some((group) => group.has(a) && group.has(b));

/**
 * A reply to our own answer for the same problem: the writer has that remedy already (it is
 * quoted below) and writes again, so sending it once more would loop. An answer to something
 * else (an agent's question, another remedy's article) does not count.
 */
function sameArticleAgain(category: Category, quoted: string, supportAddresses: string[]): Reason | null {
  if (category === 'other') return null;
  const answer = ourQuotedAnswer(quoted, supportAddresses);
  // An agent asked for details ("could you tell us what you see?"): this is the answer to that.
  if (!answer || ASKS_FOR_DETAILS.test(answer)) return null;
  const answered = classifyParts({ subject: '', own: answer, quoted: '', forwarded: '', signature: '', attachmentNames: [] });
  if (!sameRemedy(answered.category, category) || answered.confidence < 0.5) return null;
  return { code: 'follow-up', detail: `a reply to our ${category} answer, which it quotes: the same article again would loop; an agent answers` };
}

function unreadable(code: 'too-large' | 'unparseable', detail: string): Triage {
  return {
    category: 'other',
    secondary: [],
    confidence: 0,
    autoReply: false,
    reasons: [{ code, detail }],
    automated: false,
    automatedSignals: [],
    language: 'und',
    evidence: [],
    email: emptyEmail([detail]),
  };
}
