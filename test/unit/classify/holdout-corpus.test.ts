import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCorpus } from '../../../cli/commands/eval.ts';
import { loadExamples, train, trainingCorpora, type Example } from '../../../scripts/word-model-corpora.ts';
import { WordModel } from '../../../shared/classify/word-model.ts';
import { evaluate, type Label, type Prediction } from '../../../shared/eval/evaluate.ts';
import { DEFAULT_CONFIDENCE_THRESHOLD } from '../../../shared/triage.ts';

// Corpora written independently of the rules, each by a separate helper without access to the
// classifier (eight languages, many MIME shapes). Their first unseen runs: holdout 90.6%
// accuracy with 3 unwanted replies; holdout2 85.9% with 9; holdout3 (regional varieties,
// paraphrase) 74.2% with 7; holdout4 87.5% with 6; holdout5 (plain words, near misses) 78.1%
// with 1; holdout6 (short phone mail) 81.3% with 1; holdout7 (long, indirect) 78.1% with 4; holdout8
// (everyday mail, evenly spread) 85.0% with 4; holdout9 (hard but fair) 87.5% with 5; holdout10
// (everyday mail, a new hand) 95.0% with 3; holdout11 (the one detail that decides) 77.5% with 9;
// holdout12 (symptoms described, not named) 65.0% with 4; holdout13 (many writers and regions,
// mail from the edge of the topic) 85.0% with 4; holdout14 (a twin of the hidden set, a new hand)
// 92.5% with 5; holdout15 (whether a reply is safe) 90.0% with 11; holdout16 (short mail) 88.8%
// with 2; holdout17 (long mail, the whole story) 95.0% with 1; holdout18 (a twin, a new hand) 85.0%
// with 4.
// holdout19 (a twin, a new hand) 90.0% with 2; holdout20 (whether a reply is safe) 90.0% with
// 12; holdout21 (awkward delivery) 93.8% with 7 — by the rules alone; with the word model (trained
// without them) 96.3% with 2, 91.3% with 10 and 95.0% with 5. holdout22 (a twin, a new hand)
// 93.8% with 1 and holdout23 (the reply decision) 88.8% with 10 by the rules alone; with the word
// model 96.3% with 1 and 91.3% with 7. holdout24 (a twin, a new hand) 95.0% with 3 and holdout25
// (how people write: one-liners, second languages, phone typing) 93.8% with 1 by the rules alone;
// with the word model 97.5% with 3 and 97.5% with 1. holdout26 (a twin, a new hand) 88.8% with 3
// and holdout27 (rare writers, the detail that decides the reply) 81.3% with 5 by the rules alone;
// with the word model 92.5% with 1 and 87.5% with 3 (holdout27's auto-replies labelled by their
// thread's problem, which most other corpora file as `other`, keep its floor lower). holdout28 (a
// twin, a fifth hand) 90.0% with 4 and holdout29 (the borders between neighbouring categories)
// 91.3% with 5 by the rules alone; with the word model 92.5% with 3 and 93.8% with 3.
// holdout30 (a twin, a sixth hand, weighted to paraphrase) 72.5% with 4 and holdout31 (the shape of real
// mail around a plain problem) 95.0% with 3 by the rules alone; with the word model 86.3% with 0
// and 96.3% with 2 (replies after our article asking for a person). holdout32 (a twin, a seventh
// hand, what the writer saw on screen) 91.3% with 1 and holdout33 (a twin, an eighth hand, native
// idiom and register) 92.5% with 0 by the rules alone; with the word model 95.0% with 1 (a merge
// request) and 96.3% with 0. holdout34 (a twin, a ninth hand, whether the article is the answer
// right now) 95.0% with 4 and holdout35 (a twin, a tenth hand, MIME shapes) 96.3% with 1 by the
// rules alone; with the word model 96.3% with 2 (a request for a person written into a
// subordinate clause, a daughter asking for her father's books) and 97.5% with 1 (two problems
// the label leaves to a person). holdout36 (a twin, an eleventh hand, the short bulk of a mailbox)
// 96.3% with 3 and holdout37 (a twin, a twelfth hand, conversations) 95.0% with 4 by the rules
// alone; with the word model 97.5% with 2 and 95.0% with 4 (the same article sent again to a
// reply that quotes it: since then a reply to our own answer for the same problem goes to a person).
// holdout38 (a thirteenth hand, category boundaries), holdout39 (a fourteenth, an ordinary week),
// holdout40 (a fifteenth, long and rambling mail) and holdout41 (a sixteenth, people writing for
// the author) first ran at 96.3% with 2, 95.0% with 1, 91.3% with 0 and 95.0% with 2 with the word
// model (by the rules alone 96.3/3, 95.0/3, 88.8/0, 92.5/2); holdout42 (conversations), holdout43
// (the short bulk), holdout44 (whether the article is the answer now) and holdout45 (an ordinary
// week), by four more hands, at 92.5% with 1, 95.0% with 0, 96.3% with 0 and 92.5% with 1 (rules
// alone 90.0/3, 96.3/0, 91.3/1, 88.8/3). holdout46–53, eight more hands (an ordinary week, category
// boundaries, whether the article is the answer now, MIME shapes, the short bulk, people writing
// for the author, conversations, long mail), first ran at 97.5/1, 92.5/0, 98.8/0, 98.8/0, 93.8/2,
// 95.0/3, 91.3/0 and 90.0/0 with the word model (accuracy %/unwanted replies).
// holdout54–61, eight more hands in the same eight emphases, first ran at 95.0/3, 97.5/2, 91.3/1,
// 97.5/1, 97.5/0, 96.3/1, 91.3/1 and 90.0/0.
// holdout62–69, eight more hands in the same eight emphases, first ran at 91.3/0, 93.8/1, 91.3/3,
// 97.5/0, 98.8/2, 98.8/3, 93.8/1 and 93.8/1.
// holdout70–77, eight more hands in the same eight emphases, first ran at 92.5/1, 90.0/2, 95.0/2,
// 96.3/0, 98.8/0, 97.5/3, 90.0/0 and 93.8/0; holdout78–85 at 95.0/3, 96.3/1, 95.0/0, 96.3/1,
// 97.5/1, 95.0/2, 97.5/0 and 92.5/1.
// The floors keep what error analysis of generic weaknesses brought (see README "Classifier");
// none of these sets is unseen by the rules any more. The word model is trained on every corpus,
// so each set here is read by a model trained on all the others: what it adds is measured
// on mail it has not seen. `unwanted` is 1 but where a set's labels contradict
// another corpus's: holdout11 wants no reply to a reset mail "not in spam either", which the dev
// corpus answers, and to a 500 of 15 hours (dev-110 answers one of three hours; a 500 lasting
// days is held); holdout14 wants no reply to a merge request (dev-015 answers it) nor to a 404
// whose closure is contested (dev-038 answers it); holdout23 none to a reset already tried or a
// changed phone number (dev-107 and dev-045 answer those); holdout38 none to a phone sign-in
// where the country code was already tried (holdout3 and -22 answer that) nor to CreateSpace
// paperbacks missing beside a refused password (h38-049);
// holdout55 wants none to an empty Bookshelf beside a second account (one remedy for both,
// which other sets answer), to a reset mail not in spam (dev-107) nor to an unnamed error page
// that loops back to the password (read as the overview); holdout66 none to a 404 beside a
// verification mail taken for a scam (the 404 article answers exactly that) nor to a third mail
// nobody answered (h19-020 answers one). A merge where both accounts hold books is held now
// (holdout28's and holdout67's), one where the new account is empty still answered (dev-015).
const CORPORA = [
  { dir: 'holdout', total: 96, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout2', total: 128, accuracy: 0.9, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout3', total: 120, accuracy: 0.85, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout4', total: 96, accuracy: 0.85, coverage: 0.75, perLanguage: 0.7 },
  { dir: 'holdout5', total: 96, accuracy: 0.85, coverage: 0.75, perLanguage: 0.75 },
  { dir: 'holdout6', total: 64, accuracy: 0.85, coverage: 0.8, perLanguage: 0.6 },
  { dir: 'holdout7', total: 64, accuracy: 0.8, coverage: 0.7, perLanguage: 0.6 },
  { dir: 'holdout8', total: 80, accuracy: 0.85, coverage: 0.7, perLanguage: 0.6 },
  { dir: 'holdout9', total: 80, accuracy: 0.9, coverage: 0.75, perLanguage: 0.7 },
  { dir: 'holdout10', total: 80, accuracy: 0.9, coverage: 0.75, perLanguage: 0.8 },
  { dir: 'holdout11', total: 80, accuracy: 0.88, coverage: 0.75, perLanguage: 0.7, unwanted: 3 },
  { dir: 'holdout12', total: 80, accuracy: 0.8, coverage: 0.65, perLanguage: 0.6 },
  { dir: 'holdout13', total: 80, accuracy: 0.82, coverage: 0.75, perLanguage: 0.6 },
  { dir: 'holdout14', total: 80, accuracy: 0.92, coverage: 0.8, perLanguage: 0.75, unwanted: 3 },
  { dir: 'holdout15', total: 80, accuracy: 0.86, coverage: 0.8, perLanguage: 0.7 },
  { dir: 'holdout16', total: 80, accuracy: 0.92, coverage: 0.8, perLanguage: 0.8 },
  { dir: 'holdout17', total: 80, accuracy: 0.92, coverage: 0.75, perLanguage: 0.75 },
  { dir: 'holdout18', total: 80, accuracy: 0.88, coverage: 0.8, perLanguage: 0.7 },
  { dir: 'holdout19', total: 80, accuracy: 0.9, coverage: 0.75, perLanguage: 0.7 },
  { dir: 'holdout20', total: 80, accuracy: 0.88, coverage: 0.8, perLanguage: 0.7 },
  { dir: 'holdout21', total: 80, accuracy: 0.9, coverage: 0.7, perLanguage: 0.7 },
  { dir: 'holdout22', total: 80, accuracy: 0.93, coverage: 0.75, perLanguage: 0.8 },
  { dir: 'holdout23', total: 80, accuracy: 0.9, coverage: 0.7, perLanguage: 0.75, unwanted: 2 },
  { dir: 'holdout24', total: 80, accuracy: 0.93, coverage: 0.75, perLanguage: 0.8 },
  { dir: 'holdout25', total: 80, accuracy: 0.93, coverage: 0.72, perLanguage: 0.8 },
  { dir: 'holdout26', total: 80, accuracy: 0.92, coverage: 0.7, perLanguage: 0.7 },
  { dir: 'holdout27', total: 80, accuracy: 0.85, coverage: 0.7, perLanguage: 0.7 },
  { dir: 'holdout28', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout29', total: 80, accuracy: 0.92, coverage: 0.75, perLanguage: 0.75 },
  { dir: 'holdout30', total: 80, accuracy: 0.92, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout31', total: 80, accuracy: 0.95, coverage: 0.8, perLanguage: 0.85 },
  { dir: 'holdout32', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.8 },
  { dir: 'holdout33', total: 80, accuracy: 0.95, coverage: 0.8, perLanguage: 0.8 },
  { dir: 'holdout34', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.8 },
  { dir: 'holdout35', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.8 },
  { dir: 'holdout36', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.8 },
  { dir: 'holdout37', total: 80, accuracy: 0.92, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout38', total: 80, accuracy: 0.95, coverage: 0.75, perLanguage: 0.85, unwanted: 2 },
  { dir: 'holdout39', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout40', total: 80, accuracy: 0.9, coverage: 0.75, perLanguage: 0.75 },
  { dir: 'holdout41', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.85 },
  { dir: 'holdout42', total: 80, accuracy: 0.92, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout43', total: 80, accuracy: 0.92, coverage: 0.75, perLanguage: 0.65 },
  { dir: 'holdout44', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout45', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.65 },
  { dir: 'holdout46', total: 80, accuracy: 0.95, coverage: 0.8, perLanguage: 0.85 },
  { dir: 'holdout47', total: 80, accuracy: 0.9, coverage: 0.8, perLanguage: 0.7 },
  { dir: 'holdout48', total: 80, accuracy: 0.97, coverage: 0.85, perLanguage: 0.9 },
  { dir: 'holdout49', total: 80, accuracy: 0.97, coverage: 0.9, perLanguage: 0.85 },
  { dir: 'holdout50', total: 80, accuracy: 0.93, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout51', total: 80, accuracy: 0.93, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout52', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout53', total: 80, accuracy: 0.9, coverage: 0.7, perLanguage: 0.75 },
  { dir: 'holdout54', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout55', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85, unwanted: 3 },
  { dir: 'holdout56', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.7 },
  { dir: 'holdout57', total: 80, accuracy: 0.97, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout58', total: 80, accuracy: 0.97, coverage: 0.9, perLanguage: 0.85 },
  { dir: 'holdout59', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout60', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout61', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout62', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout63', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout64', total: 80, accuracy: 0.9, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout65', total: 80, accuracy: 0.97, coverage: 0.9, perLanguage: 0.85 },
  { dir: 'holdout66', total: 80, accuracy: 0.97, coverage: 0.9, perLanguage: 0.85, unwanted: 2 },
  { dir: 'holdout67', total: 80, accuracy: 0.97, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout68', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.85 },
  { dir: 'holdout69', total: 80, accuracy: 0.9, coverage: 0.75, perLanguage: 0.85 },
  { dir: 'holdout70', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout71', total: 80, accuracy: 0.9, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout72', total: 80, accuracy: 0.95, coverage: 0.9, perLanguage: 0.75 },
  { dir: 'holdout73', total: 80, accuracy: 0.95, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout74', total: 80, accuracy: 0.97, coverage: 0.9, perLanguage: 0.75 },
  { dir: 'holdout75', total: 80, accuracy: 0.95, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout76', total: 80, accuracy: 0.88, coverage: 0.85, perLanguage: 0.7 },
  { dir: 'holdout77', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout78', total: 80, accuracy: 0.93, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout79', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout80', total: 80, accuracy: 0.92, coverage: 0.85, perLanguage: 0.75 },
  { dir: 'holdout81', total: 80, accuracy: 0.95, coverage: 0.9, perLanguage: 0.75 },
  { dir: 'holdout82', total: 80, accuracy: 0.95, coverage: 0.9, perLanguage: 0.75 },
  { dir: 'holdout83', total: 80, accuracy: 0.93, coverage: 0.8, perLanguage: 0.75 },
  { dir: 'holdout84', total: 80, accuracy: 0.93, coverage: 0.9, perLanguage: 0.75 },
  { dir: 'holdout85', total: 80, accuracy: 0.9, coverage: 0.85, perLanguage: 0.75 },
];

/** Every corpus's emails as the word model reads them, loaded once. */
let examples: Promise<Example[]> | undefined;
/** A word model trained on every corpus but `dir`. */
async function modelWithout(dir: string): Promise<WordModel> {
  examples ??= Promise.all(trainingCorpora().map(loadExamples)).then((lists) => lists.flat());
  return new WordModel(train((await examples).filter((e) => e.corpus !== dir)));
}

/** Each corpus is classified once; the per-corpus floors and the calibration test share the run. */
const runs = new Map<string, ReturnType<typeof runCorpus>>();
function classified(dir: string): ReturnType<typeof runCorpus> {
  let run = runs.get(dir);
  if (!run) {
    run = modelWithout(dir).then((model) => runCorpus(resolve(import.meta.dirname, '../../fixtures', dir), ['support@kdp.example.com'], model));
    runs.set(dir, run);
  }
  return run;
}

describe.each(CORPORA)('held-out corpus $dir', ({ dir, total, accuracy, coverage, perLanguage, unwanted = 1 }) => {
  it(`accuracy ≥ ${accuracy * 100}%, at most ${unwanted} unwanted repl${unwanted === 1 ? 'y' : 'ies'}, none to a machine`, async () => {
    const { labels, predictions } = await classified(dir);
    const report = evaluate(labels, predictions);
    expect(report.total).toBe(total);
    expect(report.accuracy).toBeGreaterThanOrEqual(accuracy);
    expect(report.wrongReplies.length).toBeLessThanOrEqual(unwanted);
    expect(report.machineReplies).toBe(0);
    expect(report.coverage).toBeGreaterThanOrEqual(coverage);
    // `und`: no own words to tell a language by (e.g. text written below an Outlook quote).
    for (const lang of report.perLanguage.filter((l) => l.language !== 'und')) expect(lang.accuracy, lang.language).toBeGreaterThanOrEqual(perLanguage);
  });
});

// "Calibrated so that a threshold means something": over all the held-out mail, what clears the
// reply threshold is almost always the right category, and lower confidence means more mistakes.
describe('confidence over all held-out corpora', () => {
  it('is right ≥ 97% of the time at or above the reply threshold, and falls with confidence', async () => {
    const labels: Label[] = [];
    const predictions: Prediction[] = [];
    for (const { dir } of CORPORA) {
      const run = await classified(dir);
      labels.push(...run.labels.map((l) => ({ ...l, file: `${dir}/${l.file}` })));
      predictions.push(...run.predictions.map((p) => ({ ...p, file: `${dir}/${p.file}` })));
    }
    const report = evaluate(labels, predictions);
    const confident = report.calibration.filter((b) => b.from >= DEFAULT_CONFIDENCE_THRESHOLD);
    const total = confident.reduce((n, b) => n + b.total, 0);
    const right = confident.reduce((n, b) => n + b.correct, 0);
    expect(total).toBeGreaterThan(report.total / 2);
    expect(right / total).toBeGreaterThanOrEqual(0.97);
    const unsure = report.calibration.filter((b) => b.to <= 0.6 && b.total > 0);
    for (const b of unsure) expect(b.accuracy, `band ${b.from}–${b.to}`).toBeLessThan(right / total);
    expect(report.brier).toBeLessThanOrEqual(0.1);
  });
});
