import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerArticleCommand } from '../../../cli/commands/article.ts';
import { renderArticle } from '../../../shared/articles/index.ts';
import { ARTICLE_CATEGORIES } from '../../../shared/taxonomy.ts';

/** Runs `triage article …` in-process, capturing output; exits become thrown CommanderErrors. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  const program = new Command('triage')
    .exitOverride()
    .configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  registerArticleCommand(program);
  let exitCode = 0;
  try {
    await program.parseAsync(['article', ...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    exitCode = error.exitCode;
  }
  return { out, err, exitCode };
}

describe('triage article', () => {
  it('prints the plain-text article with its subject by default', async () => {
    const { out, err, exitCode } = await run('error-500');
    const article = renderArticle('error-500');
    expect(exitCode).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(`Subject: ${article.subject}\n\n${article.text}`);
    expect(out).toContain('10-15 minutes');
  });

  it('prints HTML with --html, and uses --name and --ticket', async () => {
    const { out, exitCode } = await run('mobile-phone', '--html', '--name', 'Ana', '--ticket', 'T42');
    expect(exitCode).toBe(0);
    expect(out).toBe(renderArticle('mobile-phone', { customerName: 'Ana', ticketId: 'T42' }).html);
    expect(out).toContain('country code');
    expect(out).toContain('Hello Ana,');
    expect(out).toContain('Your ticket number is T42');
  });

  it('appends secondary articles with --also, and rejects unknown ones', async () => {
    const { out, exitCode } = await run('password', '--also', 'two-step-verification,error-500');
    expect(exitCode).toBe(0);
    expect(out).toBe(`Subject: ${renderArticle('password').subject}\n\n${renderArticle('password', { also: ['two-step-verification', 'error-500'] }).text}`);
    const bad = await run('password', '--also', 'error-500,nope');
    expect(bad.exitCode).not.toBe(0);
    expect(bad.err).toContain("unknown category 'nope'");
  });

  it('falls back to English for a customer language without a translation, and says so', async () => {
    const { out, err, exitCode } = await run('password', '--lang', 'ja');
    expect(exitCode).toBe(0);
    expect(out).toContain('Junk or Spam');
    expect(err).toContain("no 'ja' translation yet; showing 'en'");
  });

  it('rejects an unknown category with the valid ids and a non-zero exit', async () => {
    const { out, err, exitCode } = await run('other');
    expect(exitCode).toBe(2);
    expect(out).toBe('');
    expect(err).toContain("unknown category 'other'");
    for (const category of ARTICLE_CATEGORIES) expect(err).toContain(category);
  });

  it('rejects an unknown language and a missing category', async () => {
    expect((await run('password', '--lang', 'xx')).exitCode).not.toBe(0);
    const missing = await run();
    expect(missing.exitCode).not.toBe(0);
    expect(missing.err).toContain("missing required argument 'category'");
  });

  it('has --help listing the categories', async () => {
    const { out, exitCode } = await run('--help');
    expect(exitCode).toBe(0);
    expect(out).toContain('Usage: triage article [options] <category>');
    expect(out).toContain('--html');
    expect(out).toContain('--lang <lang>');
    expect(out).toContain('two-step-verification');
  });
});
