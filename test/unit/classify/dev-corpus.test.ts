import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCorpus } from '../../../cli/commands/eval.ts';
import { evaluate } from '../../../shared/eval/evaluate.ts';

// The labelled development corpus lives beside the checkout (../shared/eval/dev). These floors
// are the acceptance bar: a regression below them fails CI.
const DEV = resolve(import.meta.dirname, '../../../../shared/eval/dev');

describe.skipIf(!existsSync(resolve(DEV, 'labels.jsonl')))('development corpus', () => {
  it('meets the floors: accuracy ≥ 95%, reply precision 100%, coverage ≥ 90%, no reply to a machine', async () => {
    const { labels, predictions } = await runCorpus(DEV, ['support@kdp.example.com']);
    const report = evaluate(labels, predictions);
    expect(report.total).toBe(120);
    expect(report.wrongReplies).toEqual([]);
    expect(report.autoReplyPrecision).toBe(1);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(report.coverage).toBeGreaterThanOrEqual(0.9);
    expect(report.machineReplies).toBe(0);
    // Every message a machine wrote is flagged, and none of them is answered.
    const machine = predictions.filter((p) => p.automated).map((p) => p.file).sort();
    expect(machine).toEqual(
      ['dev-002.eml', 'dev-009.eml', 'dev-029.eml', 'dev-035.eml', 'dev-041.eml', 'dev-050.eml', 'dev-057.eml', 'dev-069.eml', 'dev-086.eml', 'dev-087.eml'],
    );
  });
});
