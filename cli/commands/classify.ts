import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { classifyEmail } from '../../shared/triage.ts';
import type { Triage } from '../../shared/types.ts';

async function readInput(file: string): Promise<Uint8Array> {
  if (file !== '-') return readFile(file);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The CLI's one-line summary of a triage decision. */
export function summary(file: string, t: Triage) {
  return {
    file,
    category: t.category,
    secondary: t.secondary,
    confidence: t.confidence,
    autoReply: t.autoReply,
    automated: t.automated,
    language: t.language,
    reasons: t.reasons.map((r) => `${r.code}: ${r.detail}`),
    evidence: t.evidence.map((e) => ({ phrase: e.phrase, category: e.category, source: e.source, weight: e.weight })),
  };
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Adds `triage classify [--support-address ADDR]... FILE...`. */
export function registerClassifyCommand(program: Command): Command {
  return program
    .command('classify')
    .description('classify raw emails (.eml); one JSON object per line per file')
    .argument('<files...>', "raw RFC 5322 messages; '-' reads standard input")
    .option('--support-address <addr>', 'our own address (repeatable): mail from it is never answered', collect, [])
    .action(async (files: string[], opts: { supportAddress: string[] }) => {
      let failed = 0;
      for (const file of files) {
        let raw: Uint8Array;
        try {
          raw = await readInput(file);
        } catch (error) {
          failed += 1;
          process.stderr.write(`triage classify: cannot read ${file}: ${(error as Error).message}\n`);
          continue;
        }
        const triage = await classifyEmail(raw, { supportAddresses: opts.supportAddress });
        process.stdout.write(`${JSON.stringify(summary(file, triage))}\n`);
      }
      if (failed > 0) process.exitCode = 1;
    });
}
