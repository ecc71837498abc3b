import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, SIGNALS } from '../../../shared/classify/lexicon.ts';
import { normalize, originalSpan } from '../../../shared/classify/normalize.ts';
import { LiteralFilter, requirements } from '../../../shared/classify/prefilter.ts';
import { parseEmail } from '../../../shared/mail/parse.ts';

describe('lexicon', () => {
  // Rules read normalised text: a letter that normalising folds away ("á", "ü") can never match,
  // so a pattern written with one would silently miss. Letters normalising keeps ("ß") are fine.
  it('writes every pattern in the letters of normalised text', () => {
    const dead = [...RULES, ...SIGNALS].flatMap((rule) =>
      // Escapes (\S, \b, \p{L}) are syntax, not letters to match.
      [...new Set(rule.pattern.source.replace(/\\(?:[pP]\{[^}]*\}|.)/g, '').match(/[A-Z\u00c0-\u024f]/g) ?? [])]
        .filter((letter) => normalize(letter).text !== letter)
        .map((letter) => `${rule.id}: ${letter}`),
    );
    expect(dead).toEqual([]);
  });
});

describe('normalize', () => {
  it('folds case, diacritics, full-width forms and typographic punctuation', () => {
    expect(normalize('Número de TELÉFONO ４０４ “quoted” — it’s').text).toBe('numero de telefono 404 "quoted" - it\'s');
  });

  it('fixes misspellings of key words and maps spans back to what was written', () => {
    const n = normalize('I cant loggin, my pasword is wrong and the createspce acount is gone');
    expect(n.text).toBe('i cant login, my password is wrong and the createspace account is gone');
    const at = n.text.indexOf('password');
    expect(originalSpan(n, at, at + 'password'.length)).toBe('pasword');
    const cs = n.text.indexOf('createspace account');
    expect(originalSpan(n, cs, cs + 'createspace account'.length)).toBe('createspce acount');
  });

  it('leaves ordinary words alone', () => {
    expect(normalize('the ebook sound round accounts received iPhone').text).toBe('the ebook sound round accounts received iphone');
  });

  it("leaves another language's word alone when it is one edit from a vocabulary word", () => {
    const words = 'einloggen abmelden aanmelden afmelden incorrecta incorreta incorrecte invalido connectée connected verificar passport adres';
    expect(normalize(words).text).toBe('einloggen abmelden aanmelden afmelden incorrecta incorreta incorrecte invalido connectee connected verificar passport adres');
    // …while a real typo of the same words is still mended.
    expect(normalize('pasword wachtwoor createspce').text).toBe('password wachtwoord createspace');
  });

  it('leaves words that name object properties alone', () => {
    expect(normalize('The Constructor of toString, hasOwnProperty and __proto__').text).toBe(
      'the constructor of tostring, hasownproperty and __proto__',
    );
  });

  it('keeps Japanese intact and joins hard-wrapped lines', () => {
    expect(normalize('パスワードを\n忘れました').text).toBe('パスワードを 忘れました');
  });
});

describe('literal prefilters', () => {
  it('keeps every literal set a branch needs, per top-level branch', () => {
    expect(requirements("(?:can't|unable to) (?:\\S+ )?(?:sign|log) ?in|locked out")).toEqual([
      [["can't", 'unable to'], ['sign', 'log'], ['in']],
      [['locked out']],
    ]);
    // A branch that guarantees nothing makes the whole pattern always run.
    expect(requirements('password|\\d+')).toBeNull();
    expect(requirements('(?:a|b)?c')).toBeNull();
    // A repeated atom still guarantees one copy; an optional one guarantees nothing.
    expect(requirements('passwords?')).toEqual([[['password']]]);
    expect(requirements('\\b404\\b')).toEqual([[['404']]]);
  });

  it('finds overlapping and nested literals in one pass', () => {
    const filter = new LiteralFilter(['(?:she|he) said', 'hers', 'his (?:car|bike)', 'パスワード']);
    expect([...filter.candidates('ushers said')]).toEqual([1, 1, 0, 0]);
    expect([...filter.candidates('his bike and パスワード')]).toEqual([0, 0, 1, 1]);
    expect([...filter.candidates('his bicycle')]).toEqual([0, 0, 0, 0]);
  });

  // Soundness: a prefilter may only skip a rule that cannot match. Checked on every text we
  // have (the dev corpus, when present beside the checkout, and the rule sources themselves).
  it('never skips a rule that would have matched', async () => {
    const texts: string[] = [];
    const dev = resolve(import.meta.dirname, '../../../../shared/eval/dev');
    if (existsSync(dev)) {
      for (const f of readdirSync(dev).filter((x) => x.endsWith('.eml'))) {
        const e = await parseEmail(readFileSync(resolve(dev, f)));
        texts.push(normalize(`${e.subject}\n${e.text}`).text);
      }
    }
    texts.push(normalize('I cannot sign in: 404 page not found, then error 500 internal server error, the otp never arrives').text);
    let checked = 0;
    const patterns = [...RULES, ...SIGNALS];
    const filter = new LiteralFilter(patterns.map((rule) => rule.pattern.source));
    for (const text of texts) {
      const may = [...filter.candidates(text)];
      patterns.forEach((rule, i) => {
        rule.pattern.lastIndex = 0;
        if (rule.pattern.test(text)) {
          checked += 1;
          expect(may[i], `${rule.id} skipped a match`).toBe(1);
        }
      });
    }
    expect(checked).toBeGreaterThan(10);
  });
});
