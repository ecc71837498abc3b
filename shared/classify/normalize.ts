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
  addres: 'address', numbr: 'number', nubmer: 'number', phon: 'phone',
  fone: 'phone', pasword: 'password', passwrd: 'password', pw: 'password', pwd: 'password',
  passowrd: 'password', acct: 'account', acc: 'account', acount: 'account', accout: 'account',
  bookshelve: 'bookshelf', boookshelf: 'bookshelf', bookshef: 'bookshelf', verfication: 'verification',
  vertification: 'verification', verificaton: 'verification', recieve: 'receive',
  recieved: 'received', recived: 'received', arive: 'arrive', arived: 'arrived',
  dissapeared: 'disappeared', disapeared: 'disappeared', dissappeared: 'disappeared',
  disapear: 'disappear', dissapear: 'disappear', createspce: 'createspace', creatspace: 'createspace',
  createspace: 'createspace', 'create-space': 'createspace', singin: 'signin', sigin: 'signin', boks: 'books',
  // French typed without apostrophes or spelled out ("jai oublié mon mdp", "je narrive plus").
  jai: "j'ai", narrive: "n'arrive", narrivent: "n'arrivent", jarrive: "j'arrive", cest: "c'est", mdp: 'mot de passe',
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

/**
 * Ordinary words one edit away from a vocabulary word: never "corrected". Most are the same word
 * in a neighbouring language or another inflection, which the rules read as it is written:
 * "einloggen" is German, not a misspelt Dutch "inloggen"; "abmelden" (sign out) and "afmelden"
 * are not "anmelden"; "incorrecta" and "connectée" are Spanish and French, not typos.
 */
const KEEP = new Set(
  (
    'accounts account received receive passwords customers deleted delete ' +
    'einloggen anmelde abmelden afmelden aanmelden ummelden ' +
    'incorrecta incorrecto incorreta incorreto incorrecte incorrects ' +
    'invalida invalido invalide invalids ' +
    'diferente diferent differente differenti differents ' +
    'connecte connectes connectez connectee connected connects ' +
    'verificar verificai verifico verificate interna passport'
  ).split(' '),
);

/**
 * Cheap tests before `correctWord` (which builds strings and tries every deletion): a listed
 * misspelling starts with one of the listed two-letter openings; a word one edit from a
 * vocabulary word keeps that word's first two letters or its last two (an edit cannot touch
 * both ends of a word of six letters or more), and their letter sets differ by at most one
 * letter each way (one letter dropped, one added).
 */
const pairKey = (a: number, b: number) => a * 128 + b;
const LISTED_OPENINGS = new Set([...MISSPELLINGS.keys()].map((w) => pairKey(w.charCodeAt(0), w.charCodeAt(1))));
const VOCAB_OPENINGS = new Set(VOCABULARY.map((w) => pairKey(w.charCodeAt(0), w.charCodeAt(1))));
const VOCAB_ENDINGS = new Set(VOCABULARY.map((w) => pairKey(w.charCodeAt(w.length - 2), w.charCodeAt(w.length - 1))));
const LISTED_MAX = Math.max(...[...MISSPELLINGS.keys()].map((w) => w.length));
/** Bit i set: the letter 'a' + i occurs in the word. */
const letterMask = (word: string) => {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    if (c >= 0 && c < 26) mask |= 1 << c;
  }
  return mask;
};
const VOCAB_MASKS = Int32Array.from(VOCABULARY.map(letterMask));
const VOCAB_LENGTHS = Int32Array.from(VOCABULARY.map((w) => w.length));
const atMostOneBit = (x: number) => (x & (x - 1)) === 0;

function mayCorrect(units: Uint16Array, start: number, end: number, mask: number): boolean {
  const size = end - start;
  if (size < 2) return false;
  const opening = pairKey(units[start]!, units[start + 1]!);
  if (size <= LISTED_MAX && LISTED_OPENINGS.has(opening)) return true;
  if (size < 6 || size > 16) return false;
  if (!VOCAB_OPENINGS.has(opening) && !VOCAB_ENDINGS.has(pairKey(units[end - 2]!, units[end - 1]!))) return false;
  for (let v = 0; v < VOCAB_MASKS.length; v++) {
    const vocabMask = VOCAB_MASKS[v]!;
    const lengthDiff = VOCAB_LENGTHS[v]! - size;
    if (lengthDiff <= 1 && lengthDiff >= -1 && atMostOneBit(mask & ~vocabMask) && atMostOneBit(vocabMask & ~mask)) return true;
  }
  return false;
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

/**
 * Non-ASCII code point → its folded form. Folding looks at one code point alone, so the answer
 * can be kept; bounded, so a message of ten thousand distinct characters cannot grow it forever.
 */
const FOLDED = new Map<number, string>();
const MAX_FOLDED = 8192;

function foldCodePoint(code: number): string {
  let folded = FOLDED.get(code);
  if (folded === undefined) {
    folded = foldChar(String.fromCodePoint(code));
    if (FOLDED.size < MAX_FOLDED) FOLDED.set(code, folded);
  }
  return folded;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * Scratch space for the text being built, reused by every call (normalising is synchronous):
 * the folded UTF-16 units and, for each, the source index it came from.
 */
let units = new Uint16Array(4096);
let origins = new Int32Array(4096);

function ensureCapacity(needed: number, used: number): void {
  if (needed <= units.length) return;
  const size = Math.max(needed, units.length * 2);
  const grownUnits = new Uint16Array(size);
  grownUnits.set(units.subarray(0, used));
  units = grownUnits;
  const grownOrigins = new Int32Array(size);
  grownOrigins.set(origins.subarray(0, used));
  origins = grownOrigins;
}

/**
 * The last few results, by source text: the rules and then the word model read the same parts
 * of one email, and the second reading finds them done. A result is never changed once built,
 * so sharing it is safe.
 */
const RECENT: NormalizedText[] = [];
const RECENT_SIZE = 8;

/** Normalises `source` for matching; see the module comment. Linear in the input. */
export function normalize(source: string): NormalizedText {
  for (const done of RECENT) if (done.source === source) return done;
  const result = normalizeText(source);
  if (RECENT.length === RECENT_SIZE) RECENT.shift();
  RECENT.push(result);
  return result;
}

function normalizeText(source: string): NormalizedText {
  // Each source unit gives at most one output unit, except folds that lengthen a character
  // (NFKC: "㎏" → "kg"), which make room for themselves below.
  ensureCapacity(source.length, 0);
  let length = 0;
  let lastWasSpace = true;
  /** Output index where the word being read (a run of a-z) starts, or -1, and its letters. */
  let wordStart = -1;
  let mask = 0;
  /** [start, end) output spans of words `correctWord` might change. */
  const words: number[] = [];
  let folded = '';
  for (let i = 0; i < source.length; ) {
    let unit = source.charCodeAt(i);
    const from = i;
    let next = 0; // index into `folded` of the next unit to take, when a fold gave several
    if (unit < 0x80) {
      // ASCII, the bulk of most mail: lower-cased in place.
      if (unit >= 65 && unit <= 90) unit += 32;
      i += 1;
    } else {
      const code = source.codePointAt(i)!;
      folded = foldCodePoint(code);
      i += code > 0xffff ? 2 : 1;
      if (folded.length === 0) continue;
      ensureCapacity(length + folded.length + (source.length - i), length);
      unit = folded.charCodeAt(0);
      next = 1;
    }
    for (;;) {
      if (unit >= 97 && unit <= 122) {
        if (wordStart < 0) {
          wordStart = length;
          mask = 0;
        }
        mask |= 1 << (unit - 97);
        lastWasSpace = false;
        units[length] = unit;
        origins[length++] = from;
      } else if (unit !== 13) {
        // \r is dropped; anything else ends a word.
        if (wordStart >= 0) {
          if (mayCorrect(units, wordStart, length, mask)) words.push(wordStart, length);
          wordStart = -1;
        }
        if (unit === 32 || unit === 10 || unit === 9 || unit === 12 || unit === 11) {
          if (!lastWasSpace) {
            units[length] = 32;
            origins[length++] = from;
            lastWasSpace = true;
          }
        } else {
          lastWasSpace = false;
          units[length] = unit;
          origins[length++] = from;
        }
      }
      if (next === 0 || next >= folded.length) break;
      unit = folded.charCodeAt(next++);
    }
  }
  if (wordStart >= 0 && mayCorrect(units, wordStart, length, mask)) words.push(wordStart, length);
  return finish(source, length, words);
}

/** The built text and its origins, misspellings corrected. */
function finish(source: string, length: number, words: number[]): NormalizedText {
  // Lone surrogates become U+FFFD here; nothing matches either, and spans map back by index.
  const text = UTF16.decode(new Uint8Array(units.buffer, 0, length * 2));
  const origin = origins.slice(0, length);
  const pieces: string[] = [];
  const corrected: Int32Array[] = [];
  let done = 0;
  for (let w = 0; w < words.length; w += 2) {
    const start = words[w]!;
    const end = words[w + 1]!;
    const word = text.slice(start, end);
    const fixed = correctWord(word);
    if (fixed === word) continue;
    pieces.push(text.slice(done, start), fixed);
    // Spread the corrected word over the original word's span.
    const spread = new Int32Array(fixed.length).fill(origin[start]!);
    spread[fixed.length - 1] = origin[end - 1]!;
    corrected.push(origin.subarray(done, start), spread);
    done = end;
  }
  if (done === 0) return { text, origin, source };
  pieces.push(text.slice(done));
  corrected.push(origin.subarray(done));
  const joined = new Int32Array(corrected.reduce((sum, o) => sum + o.length, 0));
  let at = 0;
  for (const o of corrected) {
    joined.set(o, at);
    at += o.length;
  }
  return { text: pieces.join(''), origin: joined, source };
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
