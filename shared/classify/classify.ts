import { CATEGORIES, type Category } from '../taxonomy.ts';
import type { Evidence } from '../types.ts';
import { RULES, SIGNALS, type SignalName } from './lexicon.ts';
import { SUBJECT_PREFIX } from '../mail/subject-prefix.ts';
import { LiteralFilter } from './prefilter.ts';

const GROUP_OF = new Map(RULES.map((rule) => [rule.id, rule.group]));
const RULE_WEIGHT = new Map(RULES.map((rule) => [rule.id, rule.weight]));
import { normalize, originalSpan } from './normalize.ts';

/** The parts of an email the classifier reads, each already redacted. */
export interface ClassifierInput {
  subject: string;
  /** What the customer wrote now. */
  own: string;
  quoted: string;
  forwarded: string;
  signature: string;
  /** Attachment file names (a screenshot called "404.png" says something). */
  attachmentNames: string[];
}

export type Source = Evidence['source'];

/**
 * How much each part of the email counts. The body decides over the subject; quoted earlier
 * replies and signatures weigh little; a forward counts nearly fully, since an assistant's
 * "see below" carries the author's real request.
 */
const SOURCE_WEIGHT: Record<Exclude<Source, 'header'>, number> = {
  own: 1,
  forwarded: 0.8,
  subject: 0.55,
  attachment: 0.4,
  quoted: 0.12,
  signature: 0.05,
};

/** Categories about getting through the sign-in itself: a "signed in fine" remark mutes them. */
const SIGN_IN_CATEGORIES: ReadonlySet<Category> = new Set([
  'sign-in-general',
  'email-address',
  'mobile-phone',
  'password',
  'multiple-accounts',
  'two-step-verification',
]);

export interface Classification {
  category: Category;
  secondary: Category[];
  confidence: number;
  /**
   * How sure the rules are of the category itself, before the cuts that say an article is not
   * enough (a break-in, a closure, a sensitive case, books partly missing): those keep a person
   * answering but do not make another category likelier.
   */
  categoryConfidence: number;
  evidence: Evidence[];
  scores: Record<Category, number>;
  signals: SignalName[];
}

interface Hit {
  ruleId: string;
  category: Category;
  /** The rule's weight, times a small bonus for being said early in the customer's text. */
  weight: number;
  source: Source;
  phrase: string;
}

/**
 * Rules for topics that make a message "not a support request" whatever sign-in words it
 * quotes (a job application listing "password resets" as experience, a marketing pitch, a
 * journalist asking about authors locked out).
 */
const NOT_A_REQUEST = new Set(['other.job', 'other.spam', 'other.rights', 'other.press']);

/** The dog pictured on the error page, which Amazon shows for a 404 and a 500 alike. */
const DOG_PAGE: ReadonlySet<string> = new Set(['404.dog', '404.dog-intl']);

/** Rules that say the customer made the second account themselves (not that they suspect one). */
const MADE_SECOND_ACCOUNT = ['multi.created-intl', 'multi.new-to-amazon', 'multi.new-customer', 'multi.de.new', 'multi.fr.new', 'multi.es.new', 'multi.it.new', 'multi.pt.new', 'multi.nl.new', 'multi.ja.new'];

/** Bare mentions ("password", "bookshelf") count only when nothing more specific was said. */
const FALLBACK = new Set(['password.mention', 'shelf.mention', '2sv.verifying', 'other.royalty-word', 'password.junk']);
const DIMINISH = [1, 0.7, 0.45, 0.3, 0.2];

/**
 * Words for "the attached file / the screenshot" in the eight languages, and "this is what comes
 * up" ("me sale esto", "dit krijg ik") said beside an attached picture.
 */
const POINTS_AT_ATTACHMENT =
  /attach|screen ?shot|screen ?cap|capture d|pi[eè]ces? jointes?|anhang|angeh[aä]ngt|bildschirm(?:foto|kopie)|allegat|captura|anexo|anexad|em anexo|bijlage|schermafbeelding|foto|photo|スクショ|スクリーンショット|添付|画像|\bthis (?:is what )?(?:comes|shows|pops) up\b|\bthis (?:is what )?appears\b|\b(?:sale|aparece) esto\b|\bdas (?:hier )?(?:kommt|erscheint)\b|(?:ça|\bca) (?:s'affiche|appara[iî]t)\b|\b(?:esce|compare|appare) questo\b|\baparece isso\b|\b(?:dit|dat) (?:krijg ik|verschijnt)\b|こう表示|この(?:ような)?(?:画面|表示)/i;

/** Bounds the text one part contributes, so a huge thread costs no more than its head. */
const MAX_PART_CHARS = 8_000;
const MAX_QUOTED_CHARS = 3_000;

/** Which rules (then signals, after RULES.length) can match a text: one pass for all of them. */
const FILTER = new LiteralFilter([...RULES, ...SIGNALS].map((rule) => rule.pattern.source));

function scan(
  text: string,
  source: Source,
  hits: Hit[],
  signals: Map<SignalName, Source[]>,
  scale = 1,
  signalSource: Source = source,
): void {
  if (!text) return;
  const n = normalize(text.length > MAX_PART_CHARS ? text.slice(0, MAX_PART_CHARS) : text);
  const may = FILTER.candidates(n.text);
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r]!;
    if (may[r] === 0) continue;
    rule.pattern.lastIndex = 0;
    const m = rule.pattern.exec(n.text);
    if (!m) continue;
    if (rule.raises) raise(signals, rule.raises, signalSource);
    // What blocks the customer tends to come first; later mentions are often side notes.
    const position = source === 'own' ? 1.15 - 0.15 * (m.index / Math.max(1, n.text.length)) : 1;
    hits.push({
      ruleId: rule.id,
      category: rule.category,
      weight: rule.weight * position * scale,
      source,
      phrase: originalSpan(n, m.index, m.index + m[0].length).trim(),
    });
  }
  for (let g = 0; g < SIGNALS.length; g++) {
    const sig = SIGNALS[g]!;
    if (may[RULES.length + g] === 0) continue;
    sig.pattern.lastIndex = 0;
    if (sig.pattern.test(n.text)) raise(signals, sig.signal, signalSource);
  }
}

function raise(signals: Map<SignalName, Source[]>, signal: SignalName, source: Source): void {
  const list = signals.get(signal);
  if (list) list.push(source);
  else signals.set(signal, [source]);
}

function emptyScores(): Record<Category, number> {
  const scores = {} as Record<Category, number>;
  for (const c of CATEGORIES) scores[c] = 0;
  return scores;
}

/** Another kept rule of the category that is not a fallback and counts for it. */
function hasStrongerRule(keptCategories: Map<Category, string[]>, category: Category, id: string): boolean {
  for (const other of keptCategories.get(category) ?? []) {
    if (other !== id && !FALLBACK.has(other) && (RULE_WEIGHT.get(other) ?? 0) > 0) return true;
  }
  return false;
}

/** Whether the customer says it (own words, a forwarded request, the subject), not a quote. */
function speaks(signalSources: Map<SignalName, Source[]>, signal: SignalName): boolean {
  for (const src of signalSources.get(signal) ?? []) if (src === 'own' || src === 'forwarded' || src === 'subject') return true;
  return false;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Scores every category from the rules that match, muted or boosted by the signals, and turns
 * the winner's lead into a calibrated confidence.
 */
export function classifyParts(input: ClassifierInput): Classification {
  const hits: Hit[] = [];
  const signalSources = new Map<SignalName, Source[]>();
  // In a reply that quotes the conversation, the subject names the old topic ("Re: code never
  // arrives" over "thanks, that worked, but now my books are gone"): it counts less, and what it
  // says (the old problem, the old plea) is the quoted thread's, not the customer's now.
  const staleSubject = SUBJECT_PREFIX.test(input.subject.trimStart()) && input.quoted.trim() !== '';
  scan(input.subject, 'subject', hits, signalSources, staleSubject ? 0.45 : 1, staleSubject ? 'quoted' : 'subject');
  scan(input.own, 'own', hits, signalSources);
  scan(input.forwarded, 'forwarded', hits, signalSources);
  // Only the latest quoted message matters (and it weighs little); signatures say nothing of the
  // problem, so they are not read at all.
  scan(input.quoted.slice(0, MAX_QUOTED_CHARS), 'quoted', hits, signalSources);
  // File names join words with underscores ("Fehler_404_nach_Login.png"). When the customer
  // points at the attachment ("see screenshot", "come da screenshot") its name is what they say.
  const pointsAtAttachment = input.attachmentNames.length > 0 && POINTS_AT_ATTACHMENT.test(`${input.subject}\n${input.own}`);
  scan(input.attachmentNames.join('\n').replaceAll('_', ' '), 'attachment', hits, signalSources, pointsAtAttachment ? 2.25 : 1);

  // A rule counts once at its best place; further places add a quarter (a subject that agrees
  // with the body adds a little certainty, a repeated phrase adds little).
  const byRule = new Map<string, Hit[]>();
  for (const h of hits) {
    const list = byRule.get(h.ruleId);
    if (list) list.push(h);
    else byRule.set(h.ruleId, [h]);
  }
  // Rules of one group say the same thing: keep the group's strongest rule only.
  const groupBest = new Map<string, { id: string; v: number }>();
  for (const [id, list] of byRule) {
    const group = GROUP_OF.get(id) ?? id;
    let v = -Infinity;
    for (const h of list) v = Math.max(v, h.weight * SOURCE_WEIGHT[h.source as Exclude<Source, 'header'>]);
    const cur = groupBest.get(group);
    if (!cur || v > cur.v) groupBest.set(group, { id, v });
  }
  const kept = new Set<string>();
  for (const g of groupBest.values()) kept.add(g.id);
  const keptCategories = new Map<Category, string[]>();
  for (const id of kept) {
    const category = byRule.get(id)?.[0]?.category;
    if (!category) continue;
    const list = keptCategories.get(category);
    if (list) list.push(id);
    else keptCategories.set(category, [id]);
  }
  const scores = emptyScores();
  const evidence: Evidence[] = [];
  // Per category, the rule values; summed with diminishing weight below so that three ways of
  // saying "password" do not outweigh one clear statement of another problem.
  const values = new Map<Category, number[]>();
  for (const [id, list] of byRule) {
    const weighted = list.map((h) => ({ h, v: h.weight * SOURCE_WEIGHT[h.source as Exclude<Source, 'header'>] }));
    if (weighted.length > 1) weighted.sort((a, b) => Math.abs(b.v) - Math.abs(a.v));
    const best = weighted[0];
    if (!best) continue;
    let rest = 0;
    for (let k = 1; k < weighted.length; k++) rest += weighted[k]!.v;
    const value = best.v + 0.25 * rest;
    if (kept.has(id) && !(FALLBACK.has(id) && hasStrongerRule(keptCategories, best.h.category, id))) {
      const list = values.get(best.h.category);
      if (list) list.push(value);
      else values.set(best.h.category, [value]);
    }
    for (const { h, v } of weighted) {
      if (Math.abs(v) >= 0.1 && h.phrase) {
        evidence.push({ phrase: h.phrase, category: h.category, source: h.source, weight: round(v) });
      }
    }
  }
  for (const [category, list] of values) {
    const positives = list.filter((v) => v > 0).sort((a, b) => b - a);
    const negatives = list.filter((v) => v < 0).reduce((sum, v) => sum + v, 0);
    scores[category] = positives.reduce((sum, v, i) => sum + v * (DIMINISH[i] ?? 0.15), 0) + negatives;
  }
  for (const c of CATEGORIES) scores[c] = Math.max(0, scores[c]);
  const notARequest = [...kept].filter((id) => NOT_A_REQUEST.has(id)).length;

  // Signals count where the customer speaks (own words or a forwarded request), not in quotes.
  const signals = [...signalSources.keys()].filter((s) => speaks(signalSources, s));

  // Signed in, but into someone else's (or the shopping) account: the second account itself.
  const landsElsewhere = kept.has('multi.lands-elsewhere');
  /** Categories that "signing in works" argues against (not the account one lands in by mistake). */
  const doubtedWhenSignedIn = (c: Category) => SIGN_IN_CATEGORIES.has(c) && !(landsElsewhere && c === 'multiple-accounts');
  // "I did everything it says and still can't get in": what they list is what they tried.
  if (speaks(signalSources, 'escalation')) {
    for (const c of CATEGORIES) if (c !== 'sign-in-general' && c !== 'other') scores[c] *= 0.5;
  }
  if (speaks(signalSources, 'signed-in-fine')) {
    for (const c of SIGN_IN_CATEGORIES) if (doubtedWhenSignedIn(c)) scores[c] *= 0.3;
    // Signed in and no page error, shelf or shopping-account problem: likely another topic.
    const beyondSignIn = CATEGORIES.some((c) => c !== 'other' && !SIGN_IN_CATEGORIES.has(c) && scores[c] >= 2.0);
    if (!beyondSignIn && !landsElsewhere) scores.other += 1.2;
  }
  // E-mail and password are accepted ("that works, then it wants a code"): the trouble is not the
  // identity or the password, whatever numbers and passwords the message goes on to mention.
  if (speaks(signalSources, 'credentials-ok')) {
    for (const c of ['mobile-phone', 'password', 'email-address'] as const) scores[c] *= 0.4;
  }
  // Amazon shows a dog on its 404 page and on its 500 page: a dog beside a named 500 is the 500 page.
  if (scores['error-500'] >= 3.0 && (keptCategories.get('error-404') ?? []).every((id) => DOG_PAGE.has(id))) scores['error-404'] = 0;
  // A job application or a sales pitch quoting sign-in words is not a sign-in request.
  if (notARequest > 0) for (const c of CATEGORIES) if (c !== 'other') scores[c] *= 0.6;
  const signInTotal = [...SIGN_IN_CATEGORIES].reduce((sum, c) => sum + scores[c], 0);
  const specificTotal = CATEGORIES.filter((c) => c !== 'other' && c !== 'sign-in-general').reduce(
    (sum, c) => sum + scores[c],
    0,
  );
  // `other` means "not a sign-in matter": a real sign-in problem outweighs side topics.
  if (signInTotal + specificTotal >= 2.0 && !speaks(signalSources, 'signed-in-fine') && notARequest === 0) scores.other *= 0.5;
  // An empty shelf after the customer made a second account (clicked "create account" or "new
  // customer" with the same address): the account they made is the cause the article answers.
  const shelfIsSymptom =
    MADE_SECOND_ACCOUNT.some((id) => kept.has(id)) &&
    scores['multiple-accounts'] >= 2.0 &&
    scores['bookshelf-empty'] >= 2.0 &&
    !speaks(signalSources, 'suspects-account');
  if (shelfIsSymptom) {
    scores['multiple-accounts'] += 0.5 * scores['bookshelf-empty'];
    scores['bookshelf-empty'] *= 0.5;
  }
  // An empty "library" beside bought e-books or the Content and Devices page is the Kindle
  // library of the shopping account, not the KDP Bookshelf.
  if (kept.has('amazon.kindle-content')) {
    scores['amazon-customer-account'] += 0.6 * scores['bookshelf-empty'];
    scores['bookshelf-empty'] *= 0.4;
  }
  // Which email to use is the very question the CreateSpace article answers.
  if (kept.has('cs.mention')) {
    scores['createspace-migration'] += 0.6 * scores['email-address'];
    scores['email-address'] *= 0.4;
  }

  // The general category is the fallback: a named cause takes precedence.
  const ranked = CATEGORIES.filter((c) => c !== 'sign-in-general' && c !== 'other')
    .map((c) => ({ c, v: scores[c] }))
    .sort((a, b) => b.v - a.v);
  const topSpecific = ranked[0] ?? { c: 'other' as Category, v: 0 };
  const secondSpecific = ranked[1] ?? { c: 'other' as Category, v: 0 };

  // In a reply, little evidence still names the thread's topic ("still the same, I need a
  // person" under "Re: password reset"); a fresh message that says this little is off-topic.
  const weakest = input.quoted.trim() !== '' ? 0.3 : 1.0;
  let category: Category;
  let lead: number;
  let strength: number;
  const general = scores['sign-in-general'];
  const other = scores.other;
  if (topSpecific.v >= 2.0 && topSpecific.v >= other) {
    category = topSpecific.c;
    strength = topSpecific.v;
    lead = topSpecific.v - Math.max(secondSpecific.v, other);
  } else if (general >= 1.0 && general + 0.3 * topSpecific.v >= other) {
    category = 'sign-in-general';
    strength = general;
    // A half-named cause makes the overview less sure.
    lead = general - Math.max(other, topSpecific.v * 1.2);
  } else if (other > 0 || (topSpecific.v < weakest && general < weakest)) {
    category = 'other';
    strength = Math.max(other, 1.5 - topSpecific.v - general);
    lead = strength - Math.max(topSpecific.v, general);
  } else {
    category = topSpecific.v >= general ? topSpecific.c : 'sign-in-general';
    strength = Math.max(topSpecific.v, general);
    lead = strength - Math.max(secondSpecific.v, other, category === 'sign-in-general' ? topSpecific.v : general * 0.5);
  }

  // Calibration: enough evidence at all, and a clear lead over the runner-up (relative, so a
  // long email naming two problems is as unsure as a short one naming two).
  const separation = strength > 0 ? Math.max(0, lead) / strength : 0;
  let confidence = sigmoid(2.0 * (strength - 1.1)) * sigmoid(7 * (separation - 0.25));
  let safety = 1;
  if (category !== 'other') {
    const breakIn = signals.includes('security') || signals.includes('orders-not-mine');
    if (breakIn && category !== 'amazon-customer-account') safety *= 0.45;
    // A break-in on the shopping account is Amazon Customer Service's, unless the customer also
    // fears for the KDP side (books, royalties, bank details): then a person answers. Orders
    // nobody in the house placed are fraud on an account that is often the KDP one too: a person
    // checks, unless the writer says KDP itself is fine.
    if (
      breakIn &&
      category === 'amazon-customer-account' &&
      (scores.other >= 0.8 || signals.includes('kdp-at-risk') || (signals.includes('orders-not-mine') && !signals.includes('signed-in-fine')))
    )
      safety *= 0.6;
    if (signals.includes('partial-missing') && category === 'bookshelf-empty') safety *= 0.45;
    if (signals.includes('account-closure')) safety *= 0.5;
    if (signals.includes('sensitive')) safety *= 0.4;
    // Named only in a file name ("see screenshot" + "Fehler_404_nach_Login.png"): likely right,
    // but nobody has read the picture, so a person looks before an article goes out.
    if (!hits.some((h) => h.category === category && h.weight > 0 && h.source !== 'attachment')) confidence *= 0.6;
    // "Sometimes my books, sometimes an empty account, depending on the password": that coming
    // and going is the two accounts themselves, not two problems.
    const twoAccounts = category === 'multiple-accounts';
    const doubtIsTwoAccounts = twoAccounts && [...kept].some((id) => GROUP_OF.get(id) === 'multi.same-email');
    if ((signals.includes('mixed') && !doubtIsTwoAccounts) || (signals.includes('alternating') && !twoAccounts)) confidence *= 0.5;
    // "Can't log in, see screenshot" and nothing names the cause: what went wrong is in the
    // picture nobody has read, so the overview article may miss it.
    if (pointsAtAttachment && category === 'sign-in-general') confidence *= 0.6;
    if (speaks(signalSources, 'signed-in-fine') && doubtedWhenSignedIn(category)) confidence *= 0.6;
    // A strong side topic (tax, royalties) next to a weakly named problem: let a person answer.
    if (other >= 0.6 * strength && other >= 1.5) confidence *= 0.6;
  }

  const secondary = CATEGORIES.filter(
    (c) =>
      c !== category &&
      c !== 'sign-in-general' &&
      (c === 'other'
        ? scores.other >= 1.0
        : (scores[c] >= 2.0 && scores[c] >= 0.35 * strength) || (c === 'bookshelf-empty' && shelfIsSymptom)),
  ).sort((a, b) => scores[b] - scores[a]);

  evidence.sort((a, b) => b.weight - a.weight);
  return {
    category,
    secondary,
    confidence: round(confidence * safety, 3),
    categoryConfidence: round(confidence, 3),
    evidence: dedupeEvidence(evidence),
    scores: roundScores(scores),
    signals,
  };
}

function roundScores(scores: Record<Category, number>): Record<Category, number> {
  const rounded = {} as Record<Category, number>;
  for (const c of CATEGORIES) rounded[c] = round(scores[c]);
  return rounded;
}

function round(v: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function dedupeEvidence(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.category}|${e.source}|${e.phrase.toLowerCase()}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
