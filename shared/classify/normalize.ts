/**
 * Text normalisation for matching, with a map back to the original text so evidence phrases
 * can be cut from (and highlighted in) what the customer wrote.
 *
 * - NFKC (full-width digits and letters become ASCII: "４０４" → "404"), lower case;
 * - Latin diacritics dropped ("é" → "e"), so one pattern serves "numéro"/"numero", "sesión"/"sesion";
 * - typographic apostrophes and dashes folded to ASCII, white space runs (line breaks too: mail is
 *   hard-wrapped mid-phrase) to one space;
 * - common misspellings of the domain's key words corrected ("pasword", "createspce",
 *   "loggin", "acount", "erorr") by an edit-distance-1 lookup against a small vocabulary.
 */

export interface NormalizedText {
  /** The normalised text. */
  text: string;
  /** For each UTF-16 index of `text`, the UTF-16 index in the original where it came from. */
  origin: Int32Array;
  /** The original text. */
  source: string;
}

const COMBINING = /[\u0300-\u036f]/g;
const APOSTROPHES = /[\u2018\u2019\u02bc\u00b4\u0060\uff07]/;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
const QUOTES = /[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f]/;

/** Folds one code point to its matching form (may be empty or several characters). */
function foldChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x80) return ch.toLowerCase();
  if (APOSTROPHES.test(ch)) return "'";
  if (DASHES.test(ch)) return '-';
  if (QUOTES.test(ch)) return '"';
  if (code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a)) return ' ';
  if (code === 0x200b || code === 0xfeff || code === 0xad) return '';
  if (code >= 0x300 && code <= 0x36f) return ''; // stray combining mark
  if (code >= 0xc0 && code <= 0x24f) {
    // Latin-1 and Latin Extended: drop the diacritics.
    return ch.normalize('NFD').replace(COMBINING, '').toLowerCase();
  }
  return ch.normalize('NFKC').toLowerCase();
}

/**
 * Long, distinctive domain words whose one-edit misspellings we correct ("pasword",
 * "createspce", "acount"). Short words are too close to ordinary ones ("sound"/"found",
 * "ebook"/"books"), so they are corrected only through the explicit list below.
 */
const VOCABULARY = [
  'password', 'passwords', 'passwort', 'createspace', 'bookshelf', 'account', 'accounts',
  'verification', 'internal', 'recognized', 'recognised', 'recognize', 'recognise', 'customer',
  'disappeared', 'authenticator', 'different', 'contrasena', 'telephone', 'forgotten',
  'publishing', 'boekenplank', 'bucherregal', 'wachtwoord', 'verificacion', 'verificacao',
  'verificatie', 'verifizierung', 'connexion', 'connecter', 'inloggen', 'anmelden', 'deleted',
  'arriving', 'received', 'invalid', 'incorrect', 'two-step', 'nouveau', 'verifica',
];

/** Frequent misspellings of short key words. */
const MISSPELLINGS = new Map<string, string>(Object.entries({
  loggin: 'login', logon: 'login', loging: 'login', longin: 'login', lgoin: 'login',
  erorr: 'error', eror: 'error', errror: 'error', errorr: 'error', erreor: 'error',
  emial: 'email', emal: 'email', emai: 'email', emil: 'email', adress: 'address',
  addres: 'address', adres: 'address', numbr: 'number', nubmer: 'number', phon: 'phone',
  fone: 'phone', pasword: 'password', passwrd: 'password', pw: 'password', pwd: 'password',
  passowrd: 'password', acct: 'account', acc: 'account', acount: 'account', accout: 'account',
  bookshelve: 'bookshelf', boookshelf: 'bookshelf', bookshef: 'bookshelf', verfication: 'verification',
  vertification: 'verification', verificaton: 'verification', recieve: 'receive',
  recieved: 'received', recived: 'received', arive: 'arrive', arived: 'arrived',
  dissapeared: 'disappeared', disapeared: 'disappeared', dissappeared: 'disappeared',
  disapear: 'disappear', dissapear: 'disappear', createspce: 'createspace', creatspace: 'createspace',
  createspace: 'createspace', 'create-space': 'createspace', singin: 'signin', sigin: 'signin',
}));

const vocab = new Set(VOCABULARY);
/** deletion variant → the vocabulary word it came from (SymSpell-style, distance 1). */
const deletions = new Map<string, string>();
for (const word of vocab) {
  for (let i = 0; i < word.length; i++) {
    const variant = word.slice(0, i) + word.slice(i + 1);
    if (!vocab.has(variant) && !deletions.has(variant)) deletions.set(variant, word);
  }
}

/** Ordinary words one edit away from a vocabulary word: never "corrected". */
const KEEP = new Set(['accounts', 'account', 'received', 'receive', 'passwords', 'customers', 'deleted', 'delete']);

/**
 * Cheap test before `correctWord` (which builds a string and tries every deletion): a listed
 * misspelling starts with one of the listed two-letter openings; a word one edit from a
 * vocabulary word keeps that word's first two letters or its last two (an edit cannot touch
 * both ends of a word of six letters or more).
 */
const pairKey = (a: number, b: number) => a * 128 + b;
const LISTED_OPENINGS = new Set([...MISSPELLINGS.keys()].map((w) => pairKey(w.charCodeAt(0), w.charCodeAt(1))));
const VOCAB_OPENINGS = new Set(VOCABULARY.map((w) => pairKey(w.charCodeAt(0), w.charCodeAt(1))));
const VOCAB_ENDINGS = new Set(VOCABULARY.map((w) => pairKey(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1))));
const LISTED_MAX = Math.max(...[...MISSPELLINGS.keys()].map((w) => w.length));

function mayCorrect(units: Uint16Array, start: number, end: number): boolean {
  const size = end - start;
  if (size < 2) return false;
  const opening = pairKey(units[start]!, units[start + 1]!);
  if (size <= LISTED_MAX && LISTED_OPENINGS.has(opening)) return true;
  if (size < 6 || size > 16) return false;
  return VOCAB_OPENINGS.has(opening) || VOCAB_ENDINGS.has(pairKey(units[end - 2]!, units[end - 1]!));
}

function correctWord(word: string): string {
  // A Map, not an object: "constructor" is a word customers write.
  const listed = MISSPELLINGS.get(word);
  if (listed) return listed;
  // Words longer than any vocabulary word + 1 cannot be one edit away (and must stay linear).
  if (word.length < 6 || word.length > 16 || vocab.has(word) || KEEP.has(word)) return word;
  // One letter missing: the word itself is a deletion variant.
  const missing = deletions.get(word);
  if (missing) return missing;
  // One letter too many, or one swapped/substituted: a deletion of the word is the vocabulary
  // word, or shares a deletion variant with it.
  for (let i = 0; i < word.length; i++) {
    const variant = word.slice(0, i) + word.slice(i + 1);
    if (vocab.has(variant)) return variant;
    const shared = deletions.get(variant);
    if (shared && shared.length === word.length) return shared;
  }
  return word;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * The normalised text as UTF-16 units beside the source index each came from, and where the
 * words the speller may change are (checked once the text is a string).
 */
class Builder {
  units: Uint16Array;
  origin: Int32Array;
  length = 0;
  lastWasSpace = true;
  /** Output index where the word being read (a run of a-z) starts, or -1. */
  wordStart = -1;
  /** [start, end) output spans of words `correctWord` might change. */
  words: number[] = [];

  constructor(capacity: number) {
    this.units = new Uint16Array(capacity);
    this.origin = new Int32Array(capacity);
  }

  push(unit: number, from: number): void {
    if (this.length === this.units.length) {
      // Folding can lengthen a character (NFKC: "㎏" → "kg").
      const units = new Uint16Array(this.units.length * 2);
      units.set(this.units);
      this.units = units;
      const origin = new Int32Array(this.origin.length * 2);
      origin.set(this.origin);
      this.origin = origin;
    }
    this.units[this.length] = unit;
    this.origin[this.length++] = from;
  }

  /** One folded UTF-16 unit that came from source index `from`. */
  take(unit: number, from: number): void {
    if (unit >= 97 && unit <= 122) {
      if (this.wordStart < 0) this.wordStart = this.length;
      this.lastWasSpace = false;
      this.push(unit, from);
      return;
    }
    if (unit === 13) return; // \r
    this.endWord();
    if (unit === 32 || unit === 10 || unit === 9 || unit === 12 || unit === 11) {
      if (!this.lastWasSpace) {
        this.push(32, from);
        this.lastWasSpace = true;
      }
      return;
    }
    this.lastWasSpace = false;
    this.push(unit, from);
  }

  endWord(): void {
    if (this.wordStart < 0) return;
    if (mayCorrect(this.units, this.wordStart, this.length)) this.words.push(this.wordStart, this.length);
    this.wordStart = -1;
  }

  /** The text and its origins, misspellings corrected. */
  finish(source: string): NormalizedText {
    this.endWord();
    // Lone surrogates become U+FFFD here; nothing matches either, and spans map back by index.
    const text = UTF16.decode(new Uint8Array(this.units.buffer, 0, this.length * 2));
    const origin = this.origin.subarray(0, this.length);
    const pieces: string[] = [];
    const origins: Int32Array[] = [];
    let done = 0;
    for (let w = 0; w < this.words.length; w += 2) {
      const start = this.words[w]!;
      const end = this.words[w + 1]!;
      const word = text.slice(start, end);
      const fixed = correctWord(word);
      if (fixed === word) continue;
      pieces.push(text.slice(done, start), fixed);
      // Spread the corrected word over the original word's span.
      const spread = new Int32Array(fixed.length).fill(origin[start]!);
      spread[fixed.length - 1] = origin[end - 1]!;
      origins.push(origin.subarray(done, start), spread);
      done = end;
    }
    if (done === 0) return { text, origin: origin.slice(), source };
    pieces.push(text.slice(done));
    origins.push(origin.subarray(done));
    const joined = new Int32Array(origins.reduce((sum, o) => sum + o.length, 0));
    let at = 0;
    for (const o of origins) {
      joined.set(o, at);
      at += o.length;
    }
    return { text: pieces.join(''), origin: joined, source };
  }
}

/** Normalises `source` for matching; see the module comment. Linear in the input. */
export function normalize(source: string): NormalizedText {
  const out = new Builder(source.length + 16);
  for (let i = 0; i < source.length; ) {
    const unit = source.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII, the bulk of most mail: lower-cased in place.
      out.take(unit >= 65 && unit <= 90 ? unit + 32 : unit, i);
      i += 1;
      continue;
    }
    const ch = String.fromCodePoint(source.codePointAt(i) ?? 0);
    const folded = foldChar(ch);
    for (let k = 0; k < folded.length; k++) out.take(folded.charCodeAt(k), i);
    i += ch.length;
  }
  return out.finish(source);
}

/** The original text behind the normalised span [start, end). */
export function originalSpan(n: NormalizedText, start: number, end: number): string {
  if (end <= start || start >= n.origin.length) return '';
  const from = n.origin[start] ?? 0;
  const lastOrigin = n.origin[Math.min(end, n.origin.length) - 1] ?? from;
  // A corrected word maps its last letter to the original word's last letter, so the span
  // always covers whole original words; astral characters take two UTF-16 units.
  const code = n.source.codePointAt(lastOrigin) ?? 0;
  const to = lastOrigin + (code > 0xffff ? 2 : 1);
  return n.source.slice(from, to);
}
