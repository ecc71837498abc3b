import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { evaluate, parseLabels, type EvalReport, type Label, type Prediction } from '../../shared/eval/evaluate.ts';
import { CATEGORIES } from '../../shared/taxonomy.ts';
import { classifyEmail } from '../../shared/triage.ts';
import { WordModel, type WordModelData } from '../../shared/classify/word-model.ts';

/** Classifies every labelled email of a corpus folder. */
export async function runCorpus(
  dir: string,
  supportAddresses: string[] = [],
  wordModel?: WordModel,
): Promise<{ labels: Label[]; predictions: Prediction[] }> {
  const labels = parseLabels(await readFile(join(dir, 'labels.jsonl'), 'utf8'));
  const predictions: Prediction[] = [];
  for (const label of labels) {
    const t = await classifyEmail(await readFile(join(dir, label.file)), { supportAddresses, wordModel });
    predictions.push({
      file: label.file,
      category: t.category,
      confidence: t.confidence,
      autoReply: t.autoReply,
      automated: t.automated,
      language: t.language,
    });
  }
  return { labels, predictions };
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** The report as people read it. */
export function formatReport(r: EvalReport): string {
  const lines: string[] = [];
  lines.push('Per category:');
  lines.push(`  ${'category'.padEnd(24)} ${'support'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)} ${'F1'.padStart(6)}`);
  for (const c of r.perCategory) {
    lines.push(`  ${c.category.padEnd(24)} ${String(c.support).padStart(7)} ${pct(c.precision).padStart(9)} ${pct(c.recall).padStart(7)} ${c.f1.toFixed(2).padStart(6)}`);
  }
  const abbrev = (c: string) => c.split('-').map((w) => w.slice(0, 3)).join('-').slice(0, 7);
  lines.push('', 'Confusion matrix (rows: label, columns: predicted):');
  lines.push(`  ${''.padEnd(24)} ${CATEGORIES.map((c) => abbrev(c).padStart(7)).join(' ')}`);
  for (const e of CATEGORIES) {
    lines.push(`  ${e.padEnd(24)} ${CATEGORIES.map((p) => String(r.confusion[e][p] || '.').padStart(7)).join(' ')}`);
  }
  lines.push('', 'Per language (detected):');
  for (const l of r.perLanguage) lines.push(`  ${l.language.padEnd(4)} ${String(l.correct).padStart(4)}/${String(l.total).padEnd(4)} ${pct(l.accuracy)}`);
  lines.push('', 'Calibration (how often the category is right at each confidence):');
  lines.push(`  ${'confidence'.padEnd(10)} ${'emails'.padStart(6)} ${'right'.padStart(7)} ${'mean conf.'.padStart(10)}`);
  for (const b of r.calibration) {
    const band = `${b.from.toFixed(1)}–${b.to.toFixed(1)}`;
    const right = b.total === 0 ? '–' : pct(b.accuracy);
    const mean = b.total === 0 ? '–' : b.meanConfidence.toFixed(2);
    lines.push(`  ${band.padEnd(10)} ${String(b.total).padStart(6)} ${right.padStart(7)} ${mean.padStart(10)}`);
  }
  lines.push(`  Brier score ${r.brier.toFixed(3)} (0 is perfect), calibration error ${r.calibrationError.toFixed(3)}`);
  lines.push('');
  if (r.wrongReplies.length) lines.push(`Wrong or unwanted replies: ${r.wrongReplies.join(', ')}`);
  if (r.missed.length) lines.push(`Right category but no reply although allowed: ${r.missed.join(', ')}`);
  lines.push(`Replies: ${r.replies} sent, ${r.rightReplies} right; ${r.machineReplies} to machine-written mail`);
  lines.push(`accuracy ${pct(r.accuracy)} (${r.correct}/${r.total})  macro-F1 ${r.macroF1.toFixed(3)}`);
  lines.push(`auto-reply precision ${pct(r.autoReplyPrecision)} (${r.rightReplies}/${r.replies})  coverage ${pct(r.coverage)} (of ${r.replyable} replyable)`);
  return lines.join('\n');
}

/** Adds `triage eval DIR`. */
export function registerEvalCommand(program: Command): Command {
  return program
    .command('eval')
    .description('classify every .eml of DIR against DIR/labels.jsonl and print the scores')
    .argument('<dir>', 'a corpus folder with .eml files and labels.jsonl')
    .option('--json', 'print the report as JSON')
    .option('--support-address <addr>', 'our own address (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--word-model <file>', 'another trained word model (e.g. `npm run train -- --exclude DIR --out FILE`, to run DIR unseen)')
    .action(async (dir: string, opts: { json?: boolean; supportAddress: string[]; wordModel?: string }) => {
      const files = (await readdir(dir)).filter((f) => f.endsWith('.eml'));
      const model = opts.wordModel ? new WordModel(JSON.parse(await readFile(opts.wordModel, 'utf8')) as WordModelData) : undefined;
      const { labels, predictions } = await runCorpus(dir, opts.supportAddress, model);
      const unlabelled = files.filter((f) => !labels.some((l) => l.file === f));
      if (unlabelled.length) process.stderr.write(`triage eval: ${unlabelled.length} .eml without a label skipped\n`);
      const report = evaluate(labels, predictions);
      process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    });
}
