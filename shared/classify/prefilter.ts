/**
 * Literal prefilters for the classifier's regular expressions.
 *
 * Most rules cannot match most emails, but a regular expression that starts with a long
 * alternation still tries every position of the text. `requirements` reads a pattern's source
 * and proves which literal strings every match must contain: for each top-level branch, a list
 * of sets, each of which must have a member in the text ("can't|unable to" and then
 * "sign in|log in"). `LiteralFilter` finds every literal of every rule in one Aho-Corasick pass
 * over the text and says which rules can match; only those run their regular expression. When
 * nothing can be proven the rule always runs, so the filter is never unsound.
 *
 * Handles the subset the lexicon uses: literals, escapes, character classes, groups `(?:…)`,
 * look-arounds, alternation and the quantifiers `? * + {m,n}` (greedy or lazy).
 */

type Lits = string[] | null; // null: no literal is guaranteed

/** Code units below this (ASCII and the Latin blocks) get the dense transition table. */
const LATIN_END = 0x250;

interface Node {
  /** Literal text the node always matches exactly (a plain run of characters), if any. */
  exact: string | null;
  /** Strings one of which every match contains, or null. */
  lits: Lits;
  /** Matches the empty string (zero-width or optional). */
  optional: boolean;
  /** For a sequence: every literal set it guarantees (each must be present), most selective first. */
  all: string[][];
}

const ZERO: Node = { exact: '', lits: null, optional: true, all: [] };

/** One node per literal character, shared: nodes are never changed once built. */
const LITERAL_NODES = new Map<string, Node>();

function literalNode(c: string): Node {
  let node = LITERAL_NODES.get(c);
  if (node === undefined) LITERAL_NODES.set(c, (node = { exact: c, lits: [c], optional: false, all: [[c]] }));
  return node;
}

/** `{m}` / `{m,}` / `{m,n}` at the parser's position. */
const REPEAT = /\{(\d+)(?:,(\d*))?\}/y;

class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  /** Per top-level branch, the literal sets all of which a match of that branch contains. */
  parseBranches(): string[][][] | null {
    const branches: string[][][] = [];
    for (;;) {
      const node = this.sequence();
      if (node.optional || node.all.length === 0) return null;
      branches.push(node.all);
      if (this.src[this.i] !== '|') break;
      this.i++;
    }
    return this.i >= this.src.length ? branches : null;
  }

  private alternation(): Node {
    const branches: Node[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0] ?? ZERO;
    const union: string[] = [];
    for (const b of branches) {
      if (!b.lits || b.optional) return { exact: null, lits: null, optional: branches.some((x) => x.optional), all: [] };
      union.push(...b.lits);
    }
    return { exact: null, lits: union, optional: false, all: [union] };
  }

  private sequence(): Node {
    const parts: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      parts.push(this.quantified(this.atom()));
    }
    // Merge runs of exact, non-optional atoms into longer literals.
    const candidates: string[][] = [];
    let run = '';
    let optional = true;
    for (const p of parts) {
      if (!p.optional) optional = false;
      if (p.exact !== null && !p.optional) {
        run += p.exact;
        continue;
      }
      if (p.exact === '' && p.optional) continue; // zero-width (\b, look-around) keeps a run
      if (run) candidates.push([run]);
      run = '';
      if (p.lits && !p.optional) candidates.push(p.lits);
    }
    if (run) candidates.push([run]);
    const exact = parts.every((p) => p.exact !== null && !p.optional) ? parts.map((p) => p.exact).join('') : null;
    if (candidates.length === 0) return { exact, lits: null, optional, all: [] };
    // Most selective first: the set whose shortest literal is longest.
    const shortest = candidates.map(minLen);
    let best = 0;
    for (let c = 1; c < candidates.length; c++) if (shortest[c]! > shortest[best]!) best = c;
    const all = candidates
      .map((set, c) => ({ set, min: shortest[c]! }))
      .filter((c) => c.min >= 2)
      .sort((a, b) => b.min - a.min)
      .map((c) => c.set);
    return { exact, lits: candidates[best]!, optional, all };
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
      REPEAT.lastIndex = this.i;
      const m = REPEAT.exec(this.src);
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
    if (min === 0) return { exact: null, lits: null, optional: true, all: [] };
    // Repeated at least once: what one copy guarantees still holds; it is no longer exact.
    const lits = node.exact ? [node.exact] : node.lits;
    return { exact: null, lits, optional: node.optional, all: lits ? [lits] : [] };
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
      return { exact: null, lits: null, optional: false, all: [] };
    }
    if (c === '\\') {
      const e = this.src[this.i++] ?? '';
      if (e === 'b' || e === 'B') return ZERO;
      if (/[dDwWsSpPu]/.test(e)) {
        if ((e === 'p' || e === 'P') && this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
        if (e === 'u') this.i += 4;
        return { exact: null, lits: null, optional: false, all: [] };
      }
      return literalNode(e);
    }
    if (c === '.') return { exact: null, lits: null, optional: false, all: [] };
    if (c === '^' || c === '$') return ZERO;
    return literalNode(c);
  }
}

function minLen(list: string[]): number {
  return list.reduce((m, s) => Math.min(m, s.length), Infinity);
}

/**
 * What every match of `source` contains: per top-level branch, literal sets that must all have
 * a member in the text. Null when some branch guarantees nothing worth checking.
 */
export function requirements(source: string): string[][][] | null {
  try {
    const branches = new Parser(source).parseBranches();
    if (!branches) return null;
    return branches.map((sets) => sets.map((set) => [...new Set(set)]));
  } catch {
    return null;
  }
}

/**
 * Says, for a text, which of a list of patterns can match: every literal of every pattern is
 * found in one pass of an Aho-Corasick automaton over the characters the literals use, then
 * each pattern's requirements are checked against the literals found. The automaton is built
 * on first use (importing the classifier stays cheap).
 *
 * It is kept compact rather than as a full state × character table: ~13,000 states times ~300
 * character classes would be 16 MB, and a scan between parsing and redaction would miss the
 * CPU cache on nearly every character. Instead the root has a direct row, every other state
 * its few trie edges (sorted, in flat arrays), and a failure link: ~300 KB that stays cached.
 */
export class LiteralFilter {
  private built = false;
  /**
   * Per pattern p, needs[needStart[p] .. needStart[p + 1]): -1 when it always runs, else its
   * branches as [count, set ids…]…; a branch holds when every one of its literal sets was found.
   */
  private needs: Int32Array = new Int32Array(0);
  private needStart: Int32Array = new Int32Array(0);
  /** Per literal set, the last call that found one of its literals. */
  private setFound: Uint32Array = new Uint32Array(0);
  /**
   * Per literal set s, watchers[watchStart[s] .. watchStart[s + 1]): the patterns with a branch
   * that starts with s. A branch holds only if its first set was found, so only those patterns
   * are checked: a text wakes a dozen of them, not all.
   */
  private watchers: Int32Array = new Int32Array(0);
  private watchStart: Int32Array = new Int32Array(0);
  /** Per pattern, the last call that checked it; and the patterns the last call let through. */
  private checked: Uint32Array = new Uint32Array(0);
  private passed: number[] = [];
  private call = 0;
  /** Character class of each UTF-16 code unit; 0 for any the literals never use. */
  private readonly classOf = new Uint16Array(0x10000);
  /**
   * Per state s, the next state on each class c below `denseWidth` (the Latin ones) at
   * dense[s * denseWidth + c]; class 0 (no literal uses the character) leads home.
   */
  private dense: Int32Array = new Int32Array(0);
  private denseWidth = 1;
  /** The root's next state for each class (the root has an edge, or a loop, for every class). */
  private rootNext: Int32Array = new Int32Array(0);
  /** Per state s, its trie edges edgeClass/edgeTo[edgeStart[s] .. edgeStart[s + 1]), by class. */
  private edgeStart: Int32Array = new Int32Array(0);
  private edgeClass: Uint16Array = new Uint16Array(0);
  private edgeTo: Int32Array = new Int32Array(0);
  private fail: Int32Array = new Int32Array(0);
  /** Per state s, outSets[outStart[s] .. outStart[s + 1]): the literal sets whose literals end there. */
  private outSets: Int32Array = new Int32Array(0);
  private outStart: Int32Array = new Int32Array(0);
  private readonly result: Uint8Array;

  constructor(private readonly sources: readonly string[]) {
    this.result = new Uint8Array(sources.length);
  }

  private build(): void {
    const ids = new Map<string, number>();
    const idOf = (literal: string) => {
      let id = ids.get(literal);
      if (id === undefined) ids.set(literal, (id = ids.size));
      return id;
    };
    // Literal sets are shared between patterns (the same "can't" alternation in many rules).
    const setIds = new Map<string, number>();
    const members: number[][] = [];
    const setOf = (literals: string[]) => {
      const list = [...new Set(literals.map(idOf))].sort((a, b) => a - b);
      const key = list.join(',');
      let id = setIds.get(key);
      if (id === undefined) {
        setIds.set(key, (id = members.length));
        members.push(list);
      }
      return id;
    };
    const program: number[] = [];
    this.needStart = new Int32Array(this.sources.length + 1);
    this.sources.forEach((src, p) => {
      this.needStart[p] = program.length;
      const branches = requirements(src)?.map((sets) => sets.map(setOf));
      if (!branches) program.push(-1);
      else for (const sets of branches) program.push(sets.length, ...sets);
    });
    this.needStart[this.sources.length] = program.length;
    this.needs = Int32Array.from(program);
    const watching: number[][] = members.map(() => []);
    this.sources.forEach((_, p) => {
      let at = this.needStart[p]!;
      if (this.needs[at] === -1) {
        this.result[p] = 1; // no literal to wait for: always runs
        return;
      }
      for (const end = this.needStart[p + 1]!; at < end; at += this.needs[at]! + 1) {
        const first = watching[this.needs[at + 1]!]!;
        if (first[first.length - 1] !== p) first.push(p);
      }
    });
    this.watchStart = new Int32Array(members.length + 1);
    const flatWatchers: number[] = [];
    watching.forEach((list, set) => {
      this.watchStart[set] = flatWatchers.length;
      flatWatchers.push(...list);
    });
    this.watchStart[members.length] = flatWatchers.length;
    this.watchers = Int32Array.from(flatWatchers);
    this.checked = new Uint32Array(this.sources.length);
    const setsOf: number[][] = Array.from({ length: ids.size }, () => []);
    members.forEach((list, set) => {
      for (const literal of list) setsOf[literal]!.push(set);
    });
    this.setFound = new Uint32Array(members.length);

    // The trie of all literals, over character classes. Latin script first, so those classes are
    // the low numbers the dense table below covers.
    let classes = 1;
    for (const pass of [0, 1]) {
      for (const literal of ids.keys()) {
        for (let i = 0; i < literal.length; i++) {
          const code = literal.charCodeAt(i);
          if (this.classOf[code] === 0 && (code < LATIN_END) === (pass === 0)) this.classOf[code] = classes++;
        }
      }
      if (pass === 0) this.denseWidth = classes;
    }
    const own: number[][] = [[]];
    const children: Map<number, number>[] = [new Map()];
    const label: number[] = [0];
    for (const [literal, id] of ids) {
      let state = 0;
      for (let i = 0; i < literal.length; i++) {
        const c = this.classOf[literal.charCodeAt(i)]!;
        let to = children[state]!.get(c);
        if (to === undefined) {
          to = own.length;
          own.push([]);
          children.push(new Map());
          label.push(c);
          children[state]!.set(c, to);
        }
        state = to;
      }
      own[state]!.push(id);
    }
    const states = own.length;
    this.edgeStart = new Int32Array(states + 1);
    const edgeCount = states - 1;
    this.edgeClass = new Uint16Array(edgeCount);
    this.edgeTo = new Int32Array(edgeCount);
    let e = 0;
    for (let s = 0; s < states; s++) {
      this.edgeStart[s] = e;
      for (const [c, to] of [...children[s]!].sort((a, b) => a[0] - b[0])) {
        this.edgeClass[e] = c;
        this.edgeTo[e++] = to;
      }
    }
    this.edgeStart[states] = e;
    this.rootNext = new Int32Array(classes);
    for (const [c, to] of children[0]!) this.rootNext[c] = to;

    // Failure links breadth first; a state's outputs include its failure state's.
    const fail = (this.fail = new Int32Array(states));
    const out: (number[] | null)[] = own.map((list) => (list.length ? list : null));
    const queue = [...children[0]!.values()];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const inherited = out[fail[state]!];
      if (inherited) out[state] = [...(out[state] ?? []), ...inherited];
      for (const child of children[state]!.values()) {
        fail[child] = state === 0 ? 0 : this.next(fail[state]!, label[child]!);
        queue.push(child);
      }
    }
    // Every state's move on every Latin class, resolved once: in the bulk of mail (Latin text)
    // each character is then one table read. States come in breadth-first order in `queue`, so
    // a state's failure state (shallower) is filled in before it.
    const width = this.denseWidth;
    const dense = (this.dense = new Int32Array(states * width));
    for (let c = 1; c < width; c++) dense[c] = this.rootNext[c]!;
    for (const state of queue) {
      const base = state * width;
      const failBase = fail[state]! * width;
      for (let c = 1; c < width; c++) dense[base + c] = dense[failBase + c]!;
      for (let k = this.edgeStart[state]!, end = this.edgeStart[state + 1]!; k < end; k++) {
        const c = this.edgeClass[k]!;
        if (c < width) dense[base + c] = this.edgeTo[k]!;
      }
    }
    // Per state, the distinct literal sets its literals belong to, flat.
    const flat: number[] = [];
    this.outStart = new Int32Array(states + 1);
    out.forEach((literals, state) => {
      this.outStart[state] = flat.length;
      if (literals) flat.push(...new Set(literals.flatMap((literal) => setsOf[literal]!)));
    });
    this.outStart[states] = flat.length;
    this.outSets = Int32Array.from(flat);
    this.built = true;
  }

  /** Where the automaton goes from `state` on class `c`: the trie edge, else the failure links'. */
  private next(state: number, c: number): number {
    const { edgeStart, edgeClass, edgeTo, fail } = this;
    while (state !== 0) {
      // States past the root have one or a few edges: a linear scan beats a search.
      for (let k = edgeStart[state]!, end = edgeStart[state + 1]!; k < end; k++) {
        const label = edgeClass[k]!;
        if (label === c) return edgeTo[k]!;
        if (label > c) break;
      }
      state = fail[state]!;
    }
    return this.rootNext[c]!;
  }

  /**
   * Per pattern index, 1 if it can match `text`, else 0. The array is reused by the next call:
   * read it before calling again.
   */
  candidates(text: string): Uint8Array {
    if (!this.built) this.build();
    const { classOf, dense, denseWidth, rootNext, outSets, outStart, needs, needStart, result, setFound, watchers, watchStart, checked, passed } = this;
    // Stamps instead of clearing: a set was found in this text if it carries this call's number.
    const call = (this.call = (this.call % 0xfffffffe) + 1);
    for (const p of passed) result[p] = 0;
    passed.length = 0;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = classOf[text.charCodeAt(i)]!;
      // A character no literal uses sends the automaton home; from the root a row lookup does.
      state = c < denseWidth ? dense[state * denseWidth + c]! : state === 0 ? rootNext[c]! : this.next(state, c);
      for (let k = outStart[state]!, end = outStart[state + 1]!; k < end; k++) {
        const set = outSets[k]!;
        if (setFound[set] === call) continue;
        setFound[set] = call;
        // The patterns waiting on this set are checked once all literals are known, below.
        for (let w = watchStart[set]!, last = watchStart[set + 1]!; w < last; w++) {
          const p = watchers[w]!;
          if (checked[p] !== call) {
            checked[p] = call;
            passed.push(p);
          }
        }
      }
    }
    // `passed` holds the woken patterns; keep those with a branch whose every set was found.
    let kept = 0;
    for (const p of passed) {
      let at = needStart[p]!;
      const end = needStart[p + 1]!;
      let can = 0;
      while (at < end && can === 0) {
        const count = needs[at]!;
        can = 1;
        for (let k = at + 1; k <= at + count; k++) {
          if (setFound[needs[k]!] !== call) {
            can = 0;
            break;
          }
        }
        at += count + 1;
      }
      if (can === 1) {
        result[p] = 1;
        passed[kept++] = p;
      }
    }
    passed.length = kept;
    return result;
  }
}
