import { describe, expect, it } from 'vitest';
import { evaluate, type Label, type Prediction } from '../../../shared/eval/evaluate.ts';

const label = (file: string, category: Label['category'], autoReply = true): Label => ({ file, category, secondary: [], autoReply });
const predict = (file: string, category: Prediction['category'], confidence: number, autoReply = confidence >= 0.8): Prediction => ({
  file,
  category,
  confidence,
  autoReply,
  automated: false,
  language: 'en',
});

describe('evaluate', () => {
  const labels = [label('a', 'password'), label('b', 'password'), label('c', 'error-500'), label('d', 'other', false), label('e', 'error-404')];
  const predictions = [
    predict('a', 'password', 0.95),
    predict('b', 'email-address', 0.85), // a confident mistake: a wrong reply
    predict('c', 'error-500', 0.5),
    predict('d', 'other', 1),
    predict('e', 'error-404', 0.1),
  ];
  const report = evaluate(labels, predictions);

  it('scores categories and replies', () => {
    expect(report.correct).toBe(4);
    expect(report.accuracy).toBe(0.8);
    expect(report.replies).toBe(3);
    expect(report.wrongReplies).toEqual(['b', 'd']);
    expect(report.confusion.password['email-address']).toBe(1);
  });

  it('puts each confidence in its band (1 in the last) and scores calibration', () => {
    const band = (from: number) => report.calibration.find((b) => b.from === from)!;
    expect(report.calibration.map((b) => b.total)).toEqual([1, 0, 1, 0, 1, 2]);
    expect(band(0.8)).toMatchObject({ total: 1, correct: 0, accuracy: 0, meanConfidence: 0.85 });
    expect(band(0.9)).toMatchObject({ total: 2, correct: 2, accuracy: 1 });
    expect(band(0.9).meanConfidence).toBeCloseTo(0.975, 10);
    expect(band(0.2)).toMatchObject({ total: 0, accuracy: 0, meanConfidence: 0 });
    // (0.05² + 0.85² + 0.5² + 0² + 0.9²) / 5
    expect(report.brier).toBeCloseTo((0.0025 + 0.7225 + 0.25 + 0 + 0.81) / 5, 10);
    // Σ total·|accuracy − mean| / n = (0.9 + 0.5 + 0.85 + 2·0.025) / 5
    expect(report.calibrationError).toBeCloseTo((0.9 + 0.5 + 0.85 + 0.05) / 5, 10);
  });

  it('clamps a confidence outside [0, 1] into the end bands', () => {
    const r = evaluate([label('x', 'password'), label('y', 'password')], [predict('x', 'password', 1.2), predict('y', 'password', -0.1)]);
    expect(r.calibration[0]!.total).toBe(1);
    expect(r.calibration.at(-1)!.total).toBe(1);
  });
});
