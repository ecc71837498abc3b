import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadExamples, MODEL_FILE, train, trainingCorpora } from '../../../scripts/word-model-corpora.ts';
import type { Classification } from '../../../shared/classify/classify.ts';
import { combineReadings, MODEL_OVERRIDE_CONFIDENCE } from '../../../shared/classify/second-opinion.ts';
import { trainedWordModel } from '../../../shared/classify/trained-model.ts';
import { modelFeatures, trainWordModel, WordModel, type WordReading } from '../../../shared/classify/word-model.ts';
import { CATEGORIES, type Category } from '../../../shared/taxonomy.ts';

const input = (own: string, subject = '') => ({ subject, own, forwarded: '' });

// A small corpus in the shape of the real ones: each category's emails share their telling words.
const TRAINING: Array<[Category, string]> = [
  ['error-500', 'Internal server error 500 when I sign in'],
  ['error-500', 'I get error 500 after the password page'],
  ['error-500', 'Fehler 500 beim Anmelden, interner Serverfehler'],
  ['password', 'I forgot my password and the reset mail never comes'],
  ['password', 'The password reset link does not arrive'],
  ['password', 'Passwort vergessen, die Mail zum Zurücksetzen kommt nicht'],
  ['bookshelf-empty', 'My bookshelf is empty, all my books are gone'],
  ['bookshelf-empty', 'Bookshelf shows no books since yesterday'],
  ['bookshelf-empty', 'ログインすると本棚が空になっています'],
  ['bookshelf-empty', '本棚に本がありません'],
];
const small = () => trainWordModel(TRAINING.map(([category, own]) => ({ input: input(own), category })), CATEGORIES);

describe('word model features', () => {
  it('reads normalised words and neighbouring pairs; Japanese as character pairs, not paired again; no long numbers', () => {
    const features = modelFeatures(input('Fehler 500 beim Einloggen, Bestellung 1234567', 'AW: Hilfe'));
    expect(features).toEqual(new Set(['aw', 'hilfe', 'aw hilfe', 'fehler', '500', 'beim', 'einloggen', 'bestellung', 'fehler 500', '500 beim', 'beim einloggen', 'einloggen bestellung']));
    expect(modelFeatures(input('本棚が空'))).toEqual(new Set(['本棚', '棚が', 'が空']));
    // Next to Latin words, a character pair pairs like any word.
    expect(modelFeatures(input('KDP本棚'))).toEqual(new Set(['kdp', '本棚', 'kdp 本棚']));
    expect(modelFeatures(input('Réinitialisé'))).toEqual(new Set(['reinitialise']));
  });
});

describe('word model', () => {
  it('trains deterministically, keeping only features seen in two emails or more', () => {
    const data = small();
    expect(data).toEqual(small());
    expect(Object.keys(data.features)).toEqual([...Object.keys(data.features)].sort());
    expect(data.features['500']).toEqual([CATEGORIES.indexOf('error-500'), 3]);
    expect(data.features.internal).toBeUndefined(); // once only
    expect(data.documents[CATEGORIES.indexOf('bookshelf-empty')]).toBe(4);
  });

  it('reads the category whose words an email shares, with probabilities that sum to one', () => {
    const model = new WordModel(small());
    for (const [text, category] of [
      ['server error 500 again', 'error-500'],
      ['my password reset never arrives', 'password'],
      ['本棚が空です', 'bookshelf-empty'],
    ] as const) {
      const reading = model.read(input(text));
      expect(reading.category, text).toBe(category);
      const sum = Object.values(reading.probabilities).reduce((a, b) => a + b!, 0);
      expect(sum).toBeCloseTo(1, 9);
      expect(reading.probability).toBe(reading.probabilities[category]);
    }
  });

  it('gives as evidence the telling words, cut from the original text', () => {
    const evidence = trainedWordModel().evidence(input('Ich sehe seit heute FEHLER 500 beim Anmelden'), 'error-500');
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((e) => e.category === 'error-500' && e.source === 'own' && e.weight >= 1)).toBe(true);
    expect(evidence.map((e) => e.phrase).join(' | ')).toMatch(/500/);
  });

  it('falls back to weaker words when no word is e times likelier, so a decision never comes without evidence', () => {
    // Every category has two emails of its own word; "mail" is in one of each, and in one more
    // password email: likelier for password, but less than e times.
    const examples = CATEGORIES.flatMap((category, i) => [
      { input: input(`mail word${i}`), category },
      { input: input(`word${i} again`), category },
    ]);
    examples.push({ input: input('mail'), category: 'password' });
    const model = new WordModel(trainWordModel(examples, CATEGORIES));
    const evidence = model.evidence(input('mail'), 'password');
    expect(evidence.map((e) => e.phrase)).toEqual(['mail']);
    expect(evidence[0]!.weight).toBeGreaterThan(0);
    expect(evidence[0]!.weight).toBeLessThan(1);
    // A word that speaks against the category is never its evidence.
    expect(model.evidence(input('mail'), 'other')).toEqual([]);
  });

  it('reads an email exactly as the plain sum over its feature strings', async () => {
    // `read` finds rows from text spans without building strings; `readFeatures` is the plain
    // statement. Every email of two corpora, plus edge shapes, must read the same both ways.
    const model = trainedWordModel();
    const edges = ['', '1234 5678 404', "can't sign-in l'accès", 'ログインできません。本', 'a 本 b', 'x'.repeat(9000), 'Ünïcödé ÇA MARCHE'];
    const examples = (await Promise.all(trainingCorpora().slice(0, 2).map(loadExamples))).flat();
    const inputs = [...examples.map((e) => e.input), ...edges.map((own) => input(own, 'Re: Hilfe 500'))];
    for (const email of inputs) {
      const fast = model.read(email).probabilities;
      const plain = model.readFeatures(modelFeatures(email)).probabilities;
      for (const c of model.categories) expect(fast[c], email.own.slice(0, 60)).toBeCloseTo(plain[c]!, 12);
    }
  });

  it('knows nothing when trained on nothing: every category equally likely', () => {
    const reading = new WordModel(trainWordModel([], CATEGORIES)).read(input('my password'));
    expect(reading.probability).toBeCloseTo(1 / CATEGORIES.length, 9);
  });
});

const rules = (category: Category, confidence: number, categoryConfidence = confidence): Classification => ({
  category,
  confidence,
  categoryConfidence,
  secondary: [],
  evidence: [{ phrase: 'rule phrase', category, source: 'own', weight: 3 }],
  scores: {} as Classification['scores'],
  signals: [],
});
const reading = (category: Category, probability: number, others: Partial<Record<Category, number>> = {}): WordReading => ({
  category,
  probability,
  probabilities: { [category]: probability, ...others },
});
const modelEvidence = (category: Category) => [{ phrase: 'model word', category, source: 'own' as const, weight: 2 }];

describe('combining the rules and the word model', () => {
  it('keeps the rules when they agree with the model', () => {
    const c = combineReadings(rules('password', 0.95), reading('password', 0.9), 0.8, modelEvidence);
    expect(c).toMatchObject({ category: 'password', confidence: 0.95, hold: null, decidedBy: 'rules' });
  });

  it('lets a near-certain model decide where the rules are unsure, never above the reply threshold', () => {
    const c = combineReadings(rules('sign-in-general', 0.5), reading('error-500', 0.995), 0.8, modelEvidence);
    expect(c).toMatchObject({ category: 'error-500', secondary: ['sign-in-general'], confidence: MODEL_OVERRIDE_CONFIDENCE, decidedBy: 'word-model' });
    expect(c.confidence).toBeLessThan(0.8);
    expect(c.evidence.map((e) => e.phrase)).toEqual(['model word', 'rule phrase']);
  });

  it("keeps the rules' category when only a reply-safety cut, not doubt about the category, put them below the threshold", () => {
    // A break-in, a closure or a sensitive case lowers the confidence so that a person answers;
    // the category itself is as sure as before, and the model's guess must not replace it.
    const c = combineReadings(rules('two-step-verification', 0.4, 0.9), reading('createspace-migration', 0.995), 0.8, modelEvidence);
    expect(c).toMatchObject({ category: 'two-step-verification', confidence: 0.4, decidedBy: 'rules', hold: null });
  });

  it('leaves unsure rules alone when the model is not near-certain either', () => {
    const c = combineReadings(rules('sign-in-general', 0.5), reading('error-500', 0.9), 0.8, modelEvidence);
    expect(c).toMatchObject({ category: 'sign-in-general', decidedBy: 'rules', hold: null });
  });

  it("holds a confident rules' article when the model finds its category all but impossible", () => {
    const c = combineReadings(rules('password', 0.95), reading('other', 0.995, { password: 0.001 }), 0.8, modelEvidence);
    expect(c).toMatchObject({ category: 'password', confidence: 0.95, decidedBy: 'rules' });
    expect(c.hold?.code).toBe('second-opinion');
    expect(c.hold?.detail).toContain('other');
    expect(c.evidence.map((e) => e.phrase)).toEqual(['rule phrase']);
  });

  it('does not hold when the model merely prefers another category', () => {
    const c = combineReadings(rules('password', 0.95), reading('email-address', 0.8, { password: 0.15 }), 0.8, modelEvidence);
    expect(c.hold).toBeNull();
  });
});

// The committed model must be what the corpora train: a corpus added or relabelled without
// `npm run train` would otherwise ship a model that never saw it.
describe.skipIf(!trainingCorpora()[0]?.endsWith('/dev'))('the committed word model', () => {
  it('is the one `npm run train` makes from every labelled corpus', async () => {
    const examples = (await Promise.all(trainingCorpora().map(loadExamples))).flat();
    expect(JSON.parse(readFileSync(MODEL_FILE, 'utf8'))).toEqual(train(examples));
  });
});
