// The Lambda bundles' build-time plugins (infra/bundle-plugins.ts) must not change what any
// reachable code does: modules bundled with them are compared here with the same modules
// unbundled, on the dev corpus, the held-out corpus and hand-picked edge cases.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { francAll } from 'franc-min';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { esbuildOptions, REPO_ROOT } from '../../../infra/bundling.ts';
import { renderArticle } from '../../../shared/articles/index.ts';
import { detectLanguage, FRANC_LANGUAGES } from '../../../shared/classify/language.ts';
import { parseEmail } from '../../../shared/mail/parse.ts';
import { composeReply, type ReplyInput } from '../../../shared/reply/compose-reply.ts';
import { ARTICLE_CATEGORIES } from '../../../shared/taxonomy.ts';

const CORPORA = [resolve(REPO_ROOT, '../shared/eval/dev'), resolve(REPO_ROOT, 'test/fixtures/holdout')];

/** Texts as the classifier sees them: each corpus email's subject and body, plus edge cases. */
async function sampleTexts(): Promise<string[]> {
  const texts: string[] = [];
  for (const dir of CORPORA) {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()) {
      const email = await parseEmail(readFileSync(join(dir, file)));
      texts.push(email.text, `${email.subject}\n${email.text}`, email.customer.own);
    }
  }
  texts.push(
    '',
    '12345 67890 !!!',
    'Не могу войти в свой аккаунт KDP, пароль не принимается уже третий день подряд.',
    'لا أستطيع تسجيل الدخول إلى حسابي في كيندل منذ يومين، الرجاء المساعدة',
    'Δεν μπορώ να συνδεθώ στον λογαριασμό μου KDP εδώ και δύο μέρες, βοήθεια παρακαλώ',
    '我无法登录我的KDP账户，密码一直被拒绝，请帮忙处理一下这个问题。',
    'KDPアカウントにサインインできません。パスワードを変更しても同じエラーになります。',
    'Jeg kan ikke logge inn på KDP-kontoen min, passordet blir avvist hver gang jeg prøver.',
  );
  return texts;
}

type Bundled = { francAll: typeof francAll; detectLanguage: typeof detectLanguage; composeReply: typeof composeReply };

/** Replies of every shape composeReply makes: each article, a person's reply, odd names and threads. */
function replyInputs(): ReplyInput[] {
  const base: ReplyInput = {
    from: { address: 'support@kdp.example.com', name: 'KDP Support' },
    to: { address: 'author@example.org', name: 'Ana Author' },
    inReplyTo: '<CAF123@mail.example.org>',
    references: ['<root@mail.example.org>'],
    originalSubject: 'RE: Error 500 when I sign in',
    ticketId: '01KB7Q3M8X4T',
    body: { text: 'Hello' },
    automatic: true,
    messageIdDomain: 'kdp.example.com',
    date: new Date('2026-11-26T08:00:00Z'),
    messageIdToken: 'fixedtoken-0001',
  };
  const inputs: ReplyInput[] = [];
  for (const category of ARTICLE_CATEGORIES) {
    for (const language of ['en', 'de', 'ja']) {
      inputs.push({ ...base, body: renderArticle(category, { customerName: 'Ana Author', ticketId: base.ticketId, language }) });
    }
  }
  inputs.push(
    { ...base, automatic: false, body: { text: 'Thanks, I have reset the two-step settings on your account.\n\n– Maria' } },
    { ...base, to: { address: 'juergen@example.de', name: 'Jürgen Groß "JG"' }, originalSubject: '=?utf-8?q?Anmeldung?= schlägt fehl', inReplyTo: null, references: null },
    { ...base, to: { address: 'taro@example.jp', name: '山田 太郎' }, originalSubject: 'サインインできません'.repeat(12), body: { text: 'ありがとうございます。'.repeat(200), language: 'ja' } },
    { ...base, references: Array.from({ length: 40 }, (_, i) => `<ref${i}@mail.example.org>`), originalSubject: '', body: { subject: 'Your KDP sign-in', text: 'x'.repeat(5000), html: `<p>${'y'.repeat(5000)}</p>` } },
  );
  return inputs;
}

/** The raw reply with its MIME boundaries (random per message) numbered in order of appearance. */
function withStableBoundaries(raw: Buffer): string {
  const text = raw.toString('latin1');
  const boundaries = [...new Set([...text.matchAll(/boundary="([^"]+)"/g)].map((m) => m[1]!))];
  return boundaries.reduce((out, boundary, i) => out.split(boundary).join(`BOUNDARY-${i}`), text);
}

describe('Lambda bundle plugins', () => {
  let dir: string;
  let bundled: Bundled;
  let texts: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kdp-bundle-plugins-'));
    const entry = join(dir, 'entry.ts');
    const outfile = join(dir, 'bundle.mjs');
    await build({
      ...esbuildOptions(entry, outfile),
      entryPoints: undefined,
      stdin: {
        contents: [
          `export { francAll } from 'franc-min';`,
          `export { detectLanguage } from './shared/classify/language.ts';`,
          `export { composeReply } from './shared/reply/compose-reply.ts';`,
        ].join('\n'),
        resolveDir: REPO_ROOT,
        sourcefile: 'entry.ts',
        loader: 'ts',
      },
    });
    bundled = (await import(pathToFileURL(outfile).href)) as Bundled;
    texts = await sampleTexts();
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('franc with its trigram data cut to those languages ranks every sample exactly as the full data', () => {
    const only = [...FRANC_LANGUAGES];
    expect(texts.length).toBeGreaterThan(600);
    for (const text of texts) {
      for (const minLength of [10, undefined]) {
        expect(bundled.francAll(text, { only, minLength }), text.slice(0, 80)).toEqual(francAll(text, { only, minLength }));
      }
      expect(bundled.detectLanguage(text), text.slice(0, 80)).toBe(detectLanguage(text));
    }
    // The cut is real: unrestricted, the bundled franc only knows those languages (plus und).
    const known = new Set(bundled.francAll('Jeg kan ikke logge inn på KDP-kontoen min, passordet blir avvist.').map(([code]) => code));
    expect([...known].every((code) => only.includes(code))).toBe(true);
  });

  it('nodemailer without its MIME type table and URL fetch composes every reply byte for byte as the whole of it', async () => {
    for (const input of replyInputs()) {
      const [ours, theirs] = await Promise.all([bundled.composeReply(input), composeReply(input)]);
      expect(ours.raw.length).toBeGreaterThan(500);
      expect(withStableBoundaries(ours.raw), input.body.text.slice(0, 60)).toBe(withStableBoundaries(theirs.raw));
      expect({ ...ours, raw: null }).toEqual({ ...theirs, raw: null });
    }
  });
});
