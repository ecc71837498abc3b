import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectAutomated } from '../../shared/mail/automated.ts';
import { splitCustomerText } from '../../shared/mail/customer-text.ts';
import { isUnparseable, parseEmail } from '../../shared/mail/parse.ts';
import { redact } from '../../shared/redact.ts';
import { CATEGORIES } from '../../shared/taxonomy.ts';
import { classifyEmail, triageParsed } from '../../shared/triage.ts';
import type { ParsedEmail, Triage } from '../../shared/types.ts';
import { seeded } from '../support/seeded-random.ts';

// Seeded fuzz: dev-corpus emails (or this repo's fixtures when the corpus is absent) mutated
// thousands of ways. Proves that parsing, splitting, machine-mail detection, redaction and the
// triage decision never throw on a shape (malformed still yields a Triage, never an auto-reply
// when unreadable), and that no single email takes grossly long. The cost of each email is
// measured as CPU time of this process (work done, not wall time, so a busy machine does not
// fail it); only a gross outlier beyond OUTLIER_MS fails, and the figures are printed.
const SEED = 0x5eed2025;
const CASES = 3000;
const OUTLIER_MS = 2000;
/** Every n-th case also goes through the public entry `classifyEmail` (which parses again). */
const CLASSIFY_EVERY = 4;
const SUPPORT = ['support@kdp.example.com'];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');


function seeds(): { source: string; emails: Buffer[] } {
  const corpus = path.resolve(repoRoot, '../shared/eval/dev');
  if (existsSync(corpus)) {
    const files = readdirSync(corpus).filter((f) => f.endsWith('.eml')).sort();
    if (files.length > 0) return { source: corpus, emails: files.map((f) => readFileSync(path.join(corpus, f))) };
  }
  const fixtures = path.join(repoRoot, 'test/fixtures/mail');
  const files = [
    ...readdirSync(fixtures).filter((f) => f.endsWith('.eml')).map((f) => path.join(fixtures, f)),
    ...readdirSync(path.join(fixtures, 'automated')).map((f) => path.join(fixtures, 'automated', f)),
  ].sort();
  return { source: fixtures, emails: files.map((f) => readFileSync(f)) };
}

type Rng = () => number;
const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

const CHARSETS = ['utf-8', 'iso-2022-jp', 'utf-16', 'utf-7', 'x-unknown-charset', 'windows-1252', 'shift_jis', 'gb2312', '', '"'];
const ENCODINGS = ['base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', ''];
// Repeated into one huge line (no line breaks: many short lines are `manyLines`).
const HUGE_UNITS = ['A', '> ', '=', '<', '<a', '<li>', '&amp;', '=?utf-8?B?', '-- ', '0123456789 ', 'On ', '\u0000', 'password: ', 'code 123456 '];
const SHORT_LINES = ['=', '>', '--', '', 'a', '-- ', '<br>', 'On 1 Jan 2025 a@b.c wrote:', '--b1'];

type Mutation = (bytes: Buffer, rng: Rng, other: Buffer) => Buffer;

const MUTATIONS: Record<string, Mutation> = {
  byteFlips(bytes, rng) {
    const out = Buffer.from(bytes);
    const flips = 1 + int(rng, 20);
    for (let i = 0; i < flips && out.length > 0; i++) out[int(rng, out.length)] = int(rng, 256);
    return out;
  },
  truncate(bytes, rng) {
    return bytes.subarray(0, int(rng, bytes.length + 1));
  },
  corruptBoundary(bytes, rng) {
    const text = bytes.toString('latin1');
    const match = /boundary="?([^";\r\n]+)"?/i.exec(text);
    if (!match) return MUTATIONS.byteFlips!(bytes, rng, bytes);
    const boundary = match[1]!;
    const variants = [
      () => text.split(`--${boundary}--`).join(''),
      () => text.split(`--${boundary}`).join(`--${boundary.slice(0, -1)}`),
      () => text.replace(match[0], 'boundary=""'),
      () => text.replace(match[0], ''),
      () => text.split(`--${boundary}`).join(`--${boundary}\r\n--${boundary}`),
    ];
    return Buffer.from(pick(rng, variants)(), 'latin1');
  },
  duplicateHeaders(bytes, rng) {
    const text = bytes.toString('latin1');
    const end = text.search(/\r?\n\r?\n/);
    const head = end === -1 ? text : text.slice(0, end);
    const lines = head.split(/\r?\n/);
    const line = pick(rng, lines);
    const copies = new Array(1 + int(rng, 500)).fill(line).join('\n');
    return Buffer.from(`${copies}\n${text}`, 'latin1');
  },
  hugeLine(bytes, rng) {
    const unit = pick(rng, HUGE_UNITS);
    const line = unit.repeat(Math.ceil((10_000 + int(rng, 100_000)) / unit.length));
    const at = int(rng, bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(`\n${line}\n`, 'latin1'), bytes.subarray(at)]);
  },
  manyLines(bytes, rng) {
    const line = pick(rng, SHORT_LINES);
    const lines = new Array(500 + int(rng, 5_000)).fill(line).join(pick(rng, ['\n', '\r\n']));
    const at = int(rng, bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(`\n${lines}\n`, 'latin1'), bytes.subarray(at)]);
  },
  deleteLineBreaks(bytes, rng) {
    const text = bytes.toString('latin1');
    const from = int(rng, text.length + 1);
    const to = from + int(rng, text.length - from + 1);
    return Buffer.from(text.slice(0, from) + text.slice(from, to).replace(/\r?\n/g, pick(rng, ['', ' ', '\r'])) + text.slice(to), 'latin1');
  },
  swapCharset(bytes, rng) {
    const text = bytes.toString('latin1');
    return Buffer.from(text.replace(/charset="?[^";\s]*"?/gi, () => `charset=${pick(rng, CHARSETS)}`), 'latin1');
  },
  swapEncoding(bytes, rng) {
    const text = bytes.toString('latin1');
    const swapped = text.replace(/content-transfer-encoding:[^\r\n]*/gi, () => `Content-Transfer-Encoding: ${pick(rng, ENCODINGS)}`);
    return Buffer.from(swapped === text ? `Content-Transfer-Encoding: ${pick(rng, ENCODINGS)}\n${text}` : swapped, 'latin1');
  },
  binaryChunk(bytes, rng) {
    const chunk = Buffer.alloc(1 + int(rng, 4096));
    for (let i = 0; i < chunk.length; i++) chunk[i] = int(rng, 256);
    const at = int(rng, bytes.length + 1);
    return Buffer.concat([bytes.subarray(0, at), chunk, bytes.subarray(at)]);
  },
  splice(bytes, rng, other) {
    return Buffer.concat([bytes.subarray(0, int(rng, bytes.length + 1)), other.subarray(int(rng, other.length + 1))]);
  },
  deepNesting(bytes, rng) {
    const depth = 50 + int(rng, 300);
    let head = '';
    let tail = '';
    for (let i = 0; i < depth; i++) {
      head += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
      tail = `\n--b${i}--\n${tail}`;
    }
    return Buffer.concat([Buffer.from(`From: a@example.com\n${head}`), bytes, Buffer.from(tail)]);
  },
  nestedRfc822(bytes, rng) {
    const depth = 1 + int(rng, 15);
    let out = bytes;
    for (let i = 0; i < depth; i++) {
      out = Buffer.concat([
        Buffer.from(`From: f${i}@example.com\nSubject: Fwd ${i}\nContent-Type: multipart/mixed; boundary="r${i}"\n\n--r${i}\nContent-Type: text/plain\n\nsee below\n--r${i}\nContent-Type: message/rfc822\n\n`),
        out,
        Buffer.from(`\n--r${i}--\n`),
      ]);
    }
    return out;
  },
};
// The costly shapes (huge input, deep structure) are drawn a quarter as often as the cheap ones,
// so thousands of cases stay within the test's time.
const COSTLY = new Set(['hugeLine', 'manyLines', 'deepNesting', 'nestedRfc822']);
const MUTATION_NAMES = Object.keys(MUTATIONS).flatMap((name) => (COSTLY.has(name) ? [name] : [name, name, name, name]));

function assertShape(email: ParsedEmail): void {
  expect(typeof email.text).toBe('string');
  expect(typeof email.subject).toBe('string');
  expect(typeof email.contentType).toBe('string');
  expect(Array.isArray(email.headers)).toBe(true);
  expect(Array.isArray(email.attachments)).toBe(true);
  expect(email.warnings.every((w) => typeof w === 'string')).toBe(true);
  for (const part of [email.customer.own, email.customer.quoted, email.customer.forwarded, email.customer.signature]) {
    expect(typeof part).toBe('string');
  }
  if (email.date !== null) expect(Number.isNaN(Date.parse(email.date))).toBe(false);
}

function assertTriage(triage: Triage, email: ParsedEmail, label: string): void {
  expect(CATEGORIES, label).toContain(triage.category);
  expect(triage.confidence).toBeGreaterThanOrEqual(0);
  expect(triage.confidence).toBeLessThanOrEqual(1);
  expect(typeof triage.autoReply).toBe('boolean');
  expect(triage.reasons.length, label).toBeGreaterThan(0);
  if (isUnparseable(email)) expect(triage.autoReply, label).toBe(false);
}

describe('fuzz: mutated emails never throw and finish in bounded time', () => {
  it(`runs ${CASES} seeded mutations (seed 0x${SEED.toString(16)})`, async () => {
    const { source, emails } = seeds();
    expect(emails.length).toBeGreaterThan(0);
    const rng = seeded(SEED);
    const durations: number[] = [];
    const perMutation = new Map<string, number>();
    let slowest = { ms: 0, label: '' };

    for (let i = 0; i < CASES; i++) {
      const base = pick(rng, emails);
      let bytes: Buffer = base;
      const applied: string[] = [];
      const rounds = 1 + int(rng, 3);
      for (let r = 0; r < rounds; r++) {
        const name = pick(rng, MUTATION_NAMES);
        bytes = MUTATIONS[name]!(bytes, rng, pick(rng, emails));
        applied.push(name);
        perMutation.set(name, (perMutation.get(name) ?? 0) + 1);
      }
      const label = `case ${i}: ${applied.join('+')} (${bytes.length} bytes)`;
      const started = process.cpuUsage();
      let email: ParsedEmail;
      let triage: Triage;
      let entry: Triage | null = null;
      try {
        email = await parseEmail(bytes);
        splitCustomerText(email.text, { subject: email.subject });
        detectAutomated(email, SUPPORT);
        redact(email.text);
        redact(email.subject);
        triage = triageParsed(email, SUPPORT);
        if (i % CLASSIFY_EVERY === 0) entry = await classifyEmail(bytes, { supportAddresses: SUPPORT });
      } catch (error) {
        throw new Error(`${label} threw: ${error instanceof Error ? error.stack : String(error)}`);
      }
      const used = process.cpuUsage(started);
      const ms = (used.user + used.system) / 1000;
      durations.push(ms);
      if (ms > slowest.ms) slowest = { ms, label };
      assertShape(email);
      assertTriage(triage, email, label);
      if (entry !== null) {
        assertTriage(entry, email, label);
        // classifyEmail reports "unparseable" only for what parseEmail itself marks so: a parse
        // that threw (and was caught there) would show up here.
        expect(entry.reasons.some((r) => r.code === 'unparseable'), label).toBe(isUnparseable(email));
      }
    }

    durations.sort((a, b) => a - b);
    const total = durations.reduce((a, b) => a + b, 0);
    const p = (q: number) => durations[Math.min(durations.length - 1, Math.floor(q * durations.length))]!.toFixed(2);
    console.log(
      `fuzz seed=0x${SEED.toString(16)} source=${source} cases=${CASES} total=${total.toFixed(0)}ms ` +
        `cpu p50=${p(0.5)}ms p99=${p(0.99)}ms max=${slowest.ms.toFixed(1)}ms (${slowest.label}) ` +
        `mutations=${JSON.stringify(Object.fromEntries(perMutation))}`,
    );
    expect(slowest.ms, slowest.label).toBeLessThan(OUTLIER_MS);
  });
});
