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
const MISSPELLINGS: Record<string, string> = {
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
};

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

function correctWord(word: string): string {
  const listed = MISSPELLINGS[word];
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

const WORD = /[a-z]/;

/** Normalises `source` for matching; see the module comment. Linear in the input. */
export function normalize(source: string): NormalizedText {
  const out: string[] = [];
  const origin: number[] = [];
  let lastWasSpace = true;
  let word = '';
  let wordOrigins: number[] = [];

  const flushWord = () => {
    if (!word) return;
    const fixed = correctWord(word);
    if (fixed === word) {
      out.push(word);
      for (const o of wordOrigins) origin.push(o);
    } else {
      // Spread the corrected word over the original word's span.
      const first = wordOrigins[0] ?? 0;
      const last = wordOrigins[wordOrigins.length - 1] ?? first;
      out.push(fixed);
      for (let k = 0; k < fixed.length; k++) origin.push(k < fixed.length - 1 ? first : last);
    }
    word = '';
    wordOrigins = [];
  };

  for (let i = 0; i < source.length; ) {
    const code = source.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(code);
    const width = ch.length;
    const folded = foldChar(ch);
    for (const c of folded) {
      if (c === '\r') continue;
      if (c === ' ' || c === '\n' || c === '\t' || c === '\f' || c === '\v') {
        flushWord();
        if (!lastWasSpace) {
          out.push(' ');
          origin.push(i);
          lastWasSpace = true;
        }
        continue;
      }
      lastWasSpace = false;
      if (c.length === 1 && WORD.test(c)) {
        word += c;
        wordOrigins.push(i);
      } else {
        flushWord();
        out.push(c);
        for (let k = 0; k < c.length; k++) origin.push(i);
      }
    }
    i += width;
  }
  flushWord();
  const text = out.join('');
  return { text, origin: Int32Array.from(origin), source };
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
