/**
 * Literal prefilters for the classifier's regular expressions.
 *
 * Most rules cannot match most emails, but a regular expression that starts with a long
 * alternation still tries every position of the text. `requiredLiterals` reads a pattern's
 * source and returns strings of which every match must contain at least one; a cheap
 * `includes` over the text then skips the regular expression when none is present. It returns
 * `null` when no such set can be proven (the rule then always runs), so it is never unsound.
 *
 * Handles the subset the lexicon uses: literals, escapes, character classes, groups `(?:…)`,
 * look-arounds, alternation and the quantifiers `? * + {m,n}` (greedy or lazy).
 */

type Lits = string[] | null; // null: no literal is guaranteed

interface Node {
  /** Literal text the node always matches exactly (a plain run of characters), if any. */
  exact: string | null;
  /** Strings one of which every match contains, or null. */
  lits: Lits;
  /** Matches the empty string (zero-width or optional). */
  optional: boolean;
}

const ZERO: Node = { exact: '', lits: null, optional: true };

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Lits {
    const node = this.alternation();
    return node.lits;
  }

  private alternation(): Node {
    const branches: Node[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] ?? ZERO;
    const all: string[] = [];
    for (const b of branches) {
      if (!b.lits || b.optional) return { exact: null, lits: null, optional: branches.some((x) => x.optional) };
      all.push(...b.lits);
    }
    return { exact: null, lits: all, optional: false };
  }

  private sequence(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      parts.push(this.quantified(this.atom()));
    }
    // Merge runs of exact, non-optional atoms into longer literals.
    const candidates: string[][] = [];
    let run = '';
    const flush = () => {
      if (run) candidates.push([run]);
      run = '';
    };
    let optional = true;
    for (const p of parts) {
      if (!p.optional) optional = false;
      if (p.exact !== null && !p.optional) {
        run += p.exact;
        continue;
      }
      if (p.exact === '' && p.optional) continue; // zero-width (\b, look-around) keeps a run
      flush();
      if (p.lits && !p.optional) candidates.push(p.lits);
    }
    flush();
    const exact = parts.every((p) => p.exact !== null && !p.optional) ? parts.map((p) => p.exact).join('') : null;
    if (candidates.length === 0) return { exact, lits: null, optional };
    // The most selective candidate: the one whose shortest literal is longest.
    const best = candidates.reduce((a, b) => (minLen(b) > minLen(a) ? b : a));
    return { exact, lits: best, optional };
  }

  private quantified(node: Node): Node {
    const c = this.src[this.i];
    let min = 1;
    if (c === '?' || c === '*') {
      min = 0;
      this.i++;
    } else if (c === '+') {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,(\d*))?\}/.exec(this.src.slice(this.i));
      if (m) {
        min = Number(m[1]);
        this.i += m[0].length;
      } else {
        return node;
      }
    } else {
      return node;
    }
    if (this.src[this.i] === '?') this.i++; // lazy
    if (min === 0) return { exact: null, lits: null, optional: true };
    // Repeated at least once: what one copy guarantees still holds; it is no longer exact.
    return { exact: null, lits: node.exact ? [node.exact] : node.lits, optional: node.optional };
  }

  private atom(): Node {
    const c = this.src[this.i++] ?? '';
    if (c === '(') {
      let lookaround = false;
      if (this.src[this.i] === '?') {
        const next = this.src[this.i + 1];
        if (next === ':') this.i += 2;
        else if (next === '=' || next === '!') {
          this.i += 2;
          lookaround = true;
        } else if (next === '<' && (this.src[this.i + 2] === '=' || this.src[this.i + 2] === '!')) {
          this.i += 3;
          lookaround = true;
        } else if (next === '<') {
          this.i = this.src.indexOf('>', this.i) + 1; // named group
        }
      }
      const inner = this.alternation();
      this.i++; // ')'
      return lookaround ? ZERO : inner;
    }
    if (c === '[') {
      while (this.i < this.src.length && this.src[this.i] !== ']') {
        if (this.src[this.i] === '\\') this.i++;
        this.i++;
      }
      this.i++;
      return { exact: null, lits: null, optional: false };
    }
    if (c === '\\') {
      const e = this.src[this.i++] ?? '';
      if (e === 'b' || e === 'B') return ZERO;
      if (/[dDwWsSpPu]/.test(e)) {
        if ((e === 'p' || e === 'P') && this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
        if (e === 'u') this.i += 4;
        return { exact: null, lits: null, optional: false };
      }
      return { exact: e, lits: [e], optional: false };
    }
    if (c === '.') return { exact: null, lits: null, optional: false };
    if (c === '^' || c === '$') return ZERO;
    return { exact: c, lits: [c], optional: false };
  }
}

function minLen(list: string[]): number {
  return list.reduce((m, s) => Math.min(m, s.length), Infinity);
}

/**
 * Strings one of which every match of `source` contains, or null. Sets whose shortest member
 * is under two characters are not worth checking and come back as null.
 */
export function requiredLiterals(source: string): string[] | null {
  let lits: Lits;
  try {
    lits = new Parser(source).parse();
  } catch {
    return null;
  }
  if (!lits || lits.length === 0 || minLen(lits) < 2) return null;
  return [...new Set(lits)];
}

/** A test that says whether a rule can possibly match a text. */
export function prefilter(source: string): (text: string) => boolean {
  const lits = requiredLiterals(source);
  if (!lits) return () => true;
  return (text) => lits.some((l) => text.includes(l));
}
