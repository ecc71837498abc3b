// `npm run bench` (classifier part), also `tsx bench/classify.ts`: parse + classify throughput on
// the development corpus beside postal-mime's parse alone, measured in the same run, and the
// time to triage one 200 KB reply thread.
//
// Both sides are timed in alternating rounds and by this process's CPU time as well as wall
// time: on a shared 2-core machine wall time mostly measures the neighbours; CPU time is what
// the work costs. The ratio is taken from CPU time.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import PostalMime from 'postal-mime';
import { classifyEmail } from '../shared/triage.ts';

const DEV = resolve(import.meta.dirname, '../../shared/eval/dev');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

interface Cost {
  /** Milliseconds of wall time and of this process's CPU time (user + system). */
  wallMs: number;
  cpuMs: number;
}

async function cost(work: () => Promise<unknown>): Promise<Cost> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** Runs each side in turn, `rounds` times, and keeps each side's median CPU and wall cost. */
async function alternate(rounds: number, sides: Array<() => Promise<unknown>>): Promise<Cost[]> {
  const samples = sides.map(() => [] as Cost[]);
  for (let r = 0; r < rounds; r++) {
    for (const [i, side] of sides.entries()) samples[i]!.push(await cost(side));
  }
  return samples.map((list) => ({ wallMs: median(list.map((c) => c.wallMs)), cpuMs: median(list.map((c) => c.cpuMs)) }));
}

/** A realistic long thread: a short new message on top of ~200 KB of quoted history. */
export function longThread(targetBytes = 200 * 1024): string {
  const quoted: string[] = [];
  const paragraph =
    '> Thank you for contacting KDP support. We looked into your sign-in request and suggest signing out,\n' +
    '> clearing saved passwords and signing back in with the email and password of your KDP account.\n>\n';
  while (quoted.join('').length < targetBytes) quoted.push(paragraph);
  return [
    'From: Long Thread <thread@example.com>',
    'To: support@kdp.example.com',
    'Subject: Re: Re: Re: still cannot sign in',
    'Message-ID: <thread-200k@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Hi again, the verification code still never arrives on my phone. Please help.',
    '',
    'On Mon, 3 Mar 2025 at 10:00, KDP Support <support@kdp.example.com> wrote:',
    quoted.join(''),
  ].join('\n');
}

export async function benchClassify(): Promise<void> {
  const files = readdirSync(DEV).filter((f) => f.endsWith('.eml'));
  const emails = files.map((f) => readFileSync(join(DEV, f)));
  const support = { supportAddresses: ['support@kdp.example.com'] };
  const parseAll = async () => {
    for (const raw of emails) await PostalMime.parse(raw);
  };
  const triageAll = async () => {
    for (const raw of emails) await classifyEmail(raw, support);
  };
  // Warm both paths so the JIT has seen them (and the classifier's automaton is built).
  await alternate(3, [parseAll, triageAll]);
  const [parse, triage] = await alternate(15, [parseAll, triageAll]);

  const thread = Buffer.from(longThread());
  const [threadParse, threadTriage] = await alternate(31, [() => PostalMime.parse(thread), () => classifyEmail(thread, support)]);

  const perSecond = (c: Cost, ms: number) => (emails.length / (ms / 1000)).toFixed(0).padStart(7);
  console.log(`\n## Classifier (${emails.length} dev emails, median of 15 alternating rounds)`);
  console.log('                              emails/CPU-s  emails/s (wall)');
  console.log(`postal-mime parse alone       ${perSecond(parse!, parse!.cpuMs)}       ${perSecond(parse!, parse!.wallMs)}`);
  console.log(`parse + classify (triage)     ${perSecond(triage!, triage!.cpuMs)}       ${perSecond(triage!, triage!.wallMs)}`);
  console.log(
    `cost ratio triage/parse       ${(triage!.cpuMs / parse!.cpuMs).toFixed(2).padStart(7)}x CPU (${(triage!.wallMs / parse!.wallMs).toFixed(2)}x wall)   (target ≤ 2.00)`,
  );
  console.log(
    `200 KB thread: parse ${threadParse!.cpuMs.toFixed(2)} ms, triage ${threadTriage!.cpuMs.toFixed(2)} ms CPU ` +
      `(wall ${threadParse!.wallMs.toFixed(2)} / ${threadTriage!.wallMs.toFixed(2)} ms; median of 31; target < 5 ms)`,
  );
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchClassify();
