import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCorpus } from '../../../cli/commands/eval.ts';
import { evaluate } from '../../../shared/eval/evaluate.ts';

// 96 emails written independently of the rules (test/fixtures/holdout, eight languages, many
// MIME shapes). First measured at 90.6% accuracy with 3 unwanted replies; the floors below
// keep what error analysis of generic weaknesses brought (see README "Classifier").
const HOLDOUT = resolve(import.meta.dirname, '../../fixtures/holdout');

describe('held-out corpus', () => {
  it('accuracy ≥ 90%, at most one unwanted reply, none to a machine', async () => {
    const { labels, predictions } = await runCorpus(HOLDOUT, ['support@kdp.example.com']);
    const report = evaluate(labels, predictions);
    expect(report.total).toBe(96);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.wrongReplies.length).toBeLessThanOrEqual(1);
    expect(report.machineReplies).toBe(0);
    expect(report.coverage).toBeGreaterThanOrEqual(0.85);
    for (const lang of report.perLanguage) expect(lang.accuracy, lang.language).toBeGreaterThanOrEqual(0.75);
  });
});
