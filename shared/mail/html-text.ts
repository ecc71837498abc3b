/**
 * HTML to readable plain text for HTML-only mail. One linear pass over the markup (indexOf
 * scans, no backtracking regexes): script/style/head content dropped, entities decoded, block
 * elements become line breaks, links keep their visible text, `<blockquote>` lines get a `> `
 * prefix so quoted replies in HTML mail are set apart like plain-text ones.
 */

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl',
  'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody',
  'thead', 'tfoot', 'tr', 'ul', 'body', 'html', 'caption',
]);
/** Block elements that get an empty line around them (paragraph-like). */
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'ul', 'ol', 'pre', 'blockquote', 'dl']);
/** Elements whose content is never text. */
const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'svg', 'object', 'iframe', 'xml']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ',
  zwnj: '', zwj: '', lrm: '', rlm: '', shy: '', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’',
  sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›',
  hellip: '…', bull: '•', middot: '·', euro: '€', pound: '£', yen: '¥', cent: '¢', copy: '©',
  reg: '®', trade: '™', deg: '°', para: '¶', sect: '§', times: '×', divide: '÷', plusmn: '±',
  iexcl: '¡', iquest: '¿', dagger: '†', Dagger: '‡', permil: '‰', prime: '′', Prime: '″',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', check: '✓', ordf: 'ª', ordm: 'º',
  sup1: '¹', sup2: '²', sup3: '³', frac14: '¼', frac12: '½', frac34: '¾', micro: 'µ',
  szlig: 'ß', OElig: 'Œ', oelig: 'œ', Scaron: 'Š', scaron: 'š', Yuml: 'Ÿ', fnof: 'ƒ',
  circ: 'ˆ', tilde: '˜', curren: '¤', brvbar: '¦', uml: '¨', not: '¬', macr: '¯', acute: '´',
  cedil: '¸',
};
// Latin-1 letters: &Agrave; … &yuml; are regular, so they are built rather than listed.
{
  const marks: Array<[string, string]> = [
    ['grave', 'AEIOUaeiou'], ['acute', 'AEIOUYaeiouy'], ['circ', 'AEIOUaeiou'],
    ['tilde', 'ANOano'], ['uml', 'AEIOUaeiouy'], ['ring', 'Aa'], ['cedil', 'Cc'], ['slash', 'Oo'],
  ];
  const combining: Record<string, string> = {
    grave: '\u0300', acute: '\u0301', circ: '\u0302', tilde: '\u0303', uml: '\u0308', ring: '\u030A', cedil: '\u0327',
  };
  for (const [mark, letters] of marks) {
    for (const letter of letters) {
      NAMED[letter + mark] = mark === 'slash' ? (letter === 'O' ? 'Ø' : 'ø') : (letter + combining[mark]).normalize('NFC');
    }
  }
  Object.assign(NAMED, { AElig: 'Æ', aelig: 'æ', ETH: 'Ð', eth: 'ð', THORN: 'Þ', thorn: 'þ' });
}

const MAX_QUOTE_PREFIX = 8;

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

export function decodeEntities(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name] ?? NAMED[name.toLowerCase()] ?? whole;
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex ?? '', 16);
    if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}

/**
 * Collects text as lines; `> ` prefixes follow the blockquote depth at each line's start. The
 * current line is kept as parts plus its last character, never re-read, so appending stays O(1).
 */
class LineSink {
  private readonly lines: string[] = [];
  private parts: string[] = [];
  private hasText = false;
  private lastChar = 0;
  private currentDepth = 0;
  private blankLines = 0;
  quoteDepth = 0;

  text(chunk: string, preformatted: boolean): void {
    if (chunk === '') return;
    if (preformatted) {
      const pieces = chunk.split(/\r?\n/);
      pieces.forEach((piece, i) => {
        if (i > 0) this.endLine();
        this.append(piece);
      });
      return;
    }
    let collapsed = chunk.replace(/[ \t\r\n\f\u00a0]+/g, ' ');
    if (collapsed.charCodeAt(0) === 32 && (this.parts.length === 0 || this.lastChar === 32)) collapsed = collapsed.slice(1);
    this.append(collapsed);
  }

  private append(s: string): void {
    if (s === '') return;
    if (this.parts.length === 0) this.currentDepth = this.quoteDepth;
    this.parts.push(s);
    this.lastChar = s.charCodeAt(s.length - 1);
    if (!this.hasText && /[^ \t]/.test(s)) this.hasText = true;
  }

  /** Ends the current line (if any text) and makes sure `blank` empty lines follow it. */
  lineBreak(blank = 0): void {
    if (this.hasText) this.endLine();
    else this.reset();
    while (this.blankLines < blank && this.lines.length > 0) {
      this.lines.push(this.quoteDepth > 0 ? '>'.repeat(Math.min(MAX_QUOTE_PREFIX, this.quoteDepth)) : '');
      this.blankLines++;
    }
  }

  /** A `<br>`: always a new line, even an empty one. */
  hardBreak(): void {
    this.endLine();
  }

  private endLine(): void {
    const line = this.parts.join('').replace(/ +$/, '');
    // Deeper nesting than this adds nothing a reader needs, only output size.
    const depth = Math.min(MAX_QUOTE_PREFIX, Math.max(this.parts.length > 0 ? this.currentDepth : 0, this.quoteDepth));
    const prefix = depth > 0 ? '> '.repeat(depth) : '';
    this.lines.push(line === '' ? prefix.trimEnd() : prefix + line);
    this.blankLines = line === '' ? this.blankLines + 1 : 0;
    this.reset();
  }

  private reset(): void {
    this.parts = [];
    this.hasText = false;
    this.lastChar = 0;
    this.currentDepth = this.quoteDepth;
  }

  finish(): string {
    this.lineBreak();
    while (this.lines.length > 0 && this.lines[this.lines.length - 1] === '') this.lines.pop();
    return this.lines.length > 0 ? this.lines.join('\n') + '\n' : '';
  }
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58;
}

/**
 * `indexOf` with memory: a needle searched again from a later position reuses the earlier hit
 * (or miss), so many unclosed `<title>`s cannot make the scan quadratic.
 */
class Finder {
  private readonly found = new Map<string, number>();
  constructor(private readonly haystack: string) {}
  indexOf(needle: string, from: number): number {
    const known = this.found.get(needle);
    if (known !== undefined && (known === -1 || known >= from)) return known;
    const index = this.haystack.indexOf(needle, from);
    this.found.set(needle, index);
    return index;
  }
}

export function htmlToText(html: string): string {
  const sink = new LineSink();
  // A lower-cased copy lets the skips for script/style/comments use plain indexOf.
  const lower = html.toLowerCase();
  const finder = new Finder(lower);
  let pre = 0;
  let pos = 0;
  const n = html.length;
  while (pos < n) {
    const lt = html.indexOf('<', pos);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > pos) sink.text(decodeEntities(html.slice(pos, textEnd)), pre > 0);
    if (lt === -1) break;
    pos = lt;
    // Comments, doctype, CDATA and processing instructions.
    if (html.startsWith('<!--', pos)) {
      const end = html.indexOf('-->', pos + 4);
      pos = end === -1 ? n : end + 3;
      continue;
    }
    const next = html.charCodeAt(pos + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = html.indexOf('>', pos + 2);
      pos = end === -1 ? n : end + 1;
      continue;
    }
    const closing = next === 47; /* / */
    let nameStart = pos + (closing ? 2 : 1);
    let nameEnd = nameStart;
    while (nameEnd < n && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    if (nameEnd === nameStart) {
      // A lone `<` in text ("a < b"): keep it as text.
      sink.text('<', pre > 0);
      pos += 1;
      continue;
    }
    const name = lower.slice(nameStart, nameEnd);
    const tagEnd = findTagEnd(html, nameEnd);
    pos = tagEnd;
    if (closing) {
      if (name === 'pre' && pre > 0) pre--;
      if (name === 'blockquote' && sink.quoteDepth > 0) {
        sink.lineBreak();
        sink.quoteDepth--;
        sink.lineBreak(1);
        continue;
      }
      if (PARAGRAPH.has(name)) sink.lineBreak(1);
      else if (BLOCK.has(name)) sink.lineBreak();
      else if (name === 'td' || name === 'th') sink.text(' ', false);
      continue;
    }
    const selfClosing = html.charCodeAt(tagEnd - 2) === 47;
    if (SKIP_CONTENT.has(name) && !selfClosing) {
      let end = finder.indexOf(`</${name}`, pos);
      if (end !== -1) {
        pos = findTagEnd(html, end + 2 + name.length);
      } else if (name === 'script' || name === 'style') {
        // Browsers treat everything after an unclosed <script>/<style> as its content.
        pos = n;
      } else if (name === 'head' && (end = finder.indexOf('<body', pos)) !== -1) {
        pos = end;
      }
      // Other unclosed elements (a stray <head>, <title>…) are read as ordinary markup.
      if (name === 'head' || name === 'title') sink.lineBreak();
      continue;
    }
    switch (name) {
      case 'br':
        sink.hardBreak();
        break;
      case 'hr':
        sink.lineBreak();
        sink.text('----------', false);
        sink.lineBreak();
        break;
      case 'li':
        sink.lineBreak();
        sink.text('- ', false);
        break;
      case 'td':
      case 'th':
        sink.text(' ', false);
        break;
      case 'img': {
        // An image's alt text is what a reader would see if images are off.
        const alt = /\balt\s*=\s*("([^"]*)"|'([^']*)')/i.exec(html.slice(nameEnd, Math.min(tagEnd, nameEnd + 2000)));
        const altText = alt ? (alt[2] ?? alt[3] ?? '') : '';
        if (altText.trim() !== '') sink.text(` ${decodeEntities(altText)} `, false);
        break;
      }
      case 'blockquote':
        sink.lineBreak(1);
        sink.quoteDepth++;
        break;
      case 'pre':
        sink.lineBreak(1);
        pre++;
        break;
      default:
        if (PARAGRAPH.has(name)) sink.lineBreak(1);
        else if (BLOCK.has(name)) sink.lineBreak();
    }
  }
  return sink.finish();
}

/**
 * The index just past the `>` ending a tag (or of the next `<` when it is unclosed). A quoted attribute value (`="…"`) may hold `>`, so
 * it is skipped, but only when its closing quote comes within a short distance: a stray quote
 * must not swallow the document, and the bounded look-ahead keeps the scan linear.
 */
function findTagEnd(html: string, from: number): number {
  const n = html.length;
  let i = from;
  while (i < n) {
    const c = html.charCodeAt(i);
    if (c === 62 /* > */) return i + 1;
    // An unquoted `<` means the tag was never closed: end it here so the next tag is read
    // from this point, and no stretch of markup is scanned twice.
    if (c === 60 /* < */) return i;
    if ((c === 34 || c === 39) && i > from && html.charCodeAt(i - 1) === 61 /* = */) {
      const limit = Math.min(n, i + 1 + 512);
      let j = i + 1;
      while (j < limit && html.charCodeAt(j) !== c) j++;
      if (j < limit) i = j;
    }
    i++;
  }
  return n;
}
