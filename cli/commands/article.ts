import { InvalidArgumentError, type Command } from 'commander';
import { ARTICLE_LANGUAGES, isArticleCategory, renderArticle } from '../../shared/articles/index.ts';
import { ARTICLE_CATEGORIES, LANGUAGES } from '../../shared/taxonomy.ts';

function parseLanguage(value: string): string {
  const language = value.toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new InvalidArgumentError(`expected one of ${LANGUAGES.join(', ')}.`);
  }
  return language;
}

/** Adds `triage article CATEGORY [--html] [--lang LANG] [--name NAME] [--ticket ID]`. */
export function registerArticleCommand(program: Command): Command {
  return program
    .command('article')
    .description('print the resolution article of a category, as the auto-reply sends it')
    .argument('<category>', `one of: ${ARTICLE_CATEGORIES.join(', ')}`)
    .option('--html', 'print the HTML version instead of plain text')
    .option('--lang <lang>', `language (${LANGUAGES.join(', ')}); falls back to English where no translation exists`, parseLanguage, 'en')
    .option('--name <name>', "customer's name for the greeting")
    .option('--ticket <id>', 'ticket id quoted in the reply')
    .addHelpText('after', `\nArticles are written in: ${ARTICLE_LANGUAGES.join(', ')}.`)
    .action(function (this: Command, category: string) {
      if (!isArticleCategory(category)) {
        this.error(`error: unknown category '${category}'. Valid categories: ${ARTICLE_CATEGORIES.join(', ')}`, {
          code: 'triage.unknownCategory',
          exitCode: 2,
        });
        return;
      }
      const opts = this.opts<{ html?: boolean; lang: string; name?: string; ticket?: string }>();
      const article = renderArticle(category, {
        language: opts.lang,
        ...(opts.name !== undefined ? { customerName: opts.name } : {}),
        ...(opts.ticket !== undefined ? { ticketId: opts.ticket } : {}),
      });
      if (article.language !== opts.lang) {
        this.configureOutput().writeErr?.(`note: no '${opts.lang}' translation yet; showing '${article.language}'.\n`);
      }
      const output = opts.html ? article.html : `Subject: ${article.subject}\n\n${article.text}`;
      this.configureOutput().writeOut?.(output);
    });
}
