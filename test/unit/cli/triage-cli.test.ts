import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const triage = (args: string[], input?: string) =>
  spawnSync(process.execPath, [join(ROOT, 'bin/triage.mjs'), ...args], { cwd: ROOT, input, encoding: 'utf8' });

describe('triage CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'triage-cli-'));
  const file = join(dir, 'a.eml');
  writeFileSync(file, 'From: a@example.com\nTo: support@kdp.example.com\nSubject: 500\n\nInternal Server Error every time I sign in.\n');

  it('classify prints one JSON line per file, reads stdin, and fails after the others on a missing file', () => {
    const run = triage(['classify', file, join(dir, 'missing.eml'), '-'], 'From: b@example.com\nSubject: x\n\nmy bookshelf is empty\n');
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.file, l.category])).toEqual([
      [file, 'error-500'],
      ['-', 'bookshelf-empty'],
    ]);
    expect(Object.keys(lines[0] ?? {})).toEqual(['file', 'category', 'secondary', 'confidence', 'autoReply', 'automated', 'language', 'reasons', 'evidence']);
    expect(run.stderr).toContain('missing.eml');
    expect(run.status).toBe(1);
  });

  it('eval scores a labelled folder', () => {
    writeFileSync(join(dir, 'labels.jsonl'), '{"file":"a.eml","category":"error-500","secondary":[],"autoReply":true,"notes":""}\n');
    const run = triage(['eval', dir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('accuracy 100.0% (1/1)');
    expect(run.stdout).toContain('auto-reply precision 100.0% (1/1)');
  });

  it('has --help on every command', () => {
    for (const cmd of ['classify', 'eval', 'article']) {
      const run = triage([cmd, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`Usage: triage ${cmd}`);
    }
  });
});
