// `npm run bench` (classifier part), also `tsx bench/classify.ts`: parse + classify throughput on
// the development corpus beside postal-mime's parse alone, measured in the same run, and the
// time to triage one 200 KB reply thread.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import PostalMime from 'postal-mime';
import { classifyEmail } from '../shared/triage.ts';

const DEV = resolve(import.meta.dirname, '../../shared/eval/dev');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Emails per second over `rounds` passes of `emails`, best pass kept (less noise from GC/JIT). */
async function throughput(emails: Buffer[], rounds: number, work: (raw: Buffer) => Promise<unknown>): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const raw of emails) await work(raw);
    rates.push(emails.length / ((performance.now() - start) / 1000));
  }
  return Math.max(...rates);
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
  // Warm both paths so the JIT has seen them.
  await throughput(emails, 2, (raw) => PostalMime.parse(raw));
  await throughput(emails, 2, (raw) => classifyEmail(raw, support));

  const parseRate = await throughput(emails, 7, (raw) => PostalMime.parse(raw));
  const triageRate = await throughput(emails, 7, (raw) => classifyEmail(raw, support));

  const thread = Buffer.from(longThread());
  const threadParse: number[] = [];
  const threadTriage: number[] = [];
  for (let i = 0; i < 30; i++) {
    let t = performance.now();
    await PostalMime.parse(thread);
    threadParse.push(performance.now() - t);
    t = performance.now();
    await classifyEmail(thread, support);
    threadTriage.push(performance.now() - t);
  }

  console.log(`\n## Classifier (${emails.length} dev emails, best of 7 passes)`);
  console.log(`postal-mime parse alone     ${parseRate.toFixed(0).padStart(7)} emails/s`);
  console.log(`parse + classify (triage)   ${triageRate.toFixed(0).padStart(7)} emails/s`);
  console.log(`cost ratio triage/parse     ${(parseRate / triageRate).toFixed(2).padStart(7)}x   (target ≤ 2.00)`);
  console.log(`200 KB thread: parse ${median(threadParse).toFixed(2)} ms, triage ${median(threadTriage).toFixed(2)} ms (median of 30; target < 5 ms)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchClassify();
