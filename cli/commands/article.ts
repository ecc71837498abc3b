import { InvalidArgumentError, type Command } from 'commander';
import { ARTICLE_LANGUAGES, isArticleCategory, renderArticle } from '../../shared/articles/index.ts';
import { ARTICLE_CATEGORIES, LANGUAGES, type ArticleCategory } from '../../shared/taxonomy.ts';

function parseCategories(value: string, previous: ArticleCategory[] = []): ArticleCategory[] {
  const ids = value.split(',').map((id) => id.trim()).filter((id) => id !== '');
  const unknown = ids.filter((id) => !isArticleCategory(id));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(`unknown category '${unknown.join("', '")}'. Valid categories: ${ARTICLE_CATEGORIES.join(', ')}`);
  }
  return [...previous, ...(ids as ArticleCategory[])];
}

function parseLanguage(value: string): string {
  const language = value.toLowerCase();
  if (!(LANGUAGES as readonly string[]).includes(language)) {
    throw new InvalidArgumentError(`expected one of ${LANGUAGES.join(', ')}.`);
  }
  return language;
}

/** Adds `triage article CATEGORY [--html] [--lang LANG] [--also IDS] [--name NAME] [--ticket ID]`. */
export function registerArticleCommand(program: Command): Command {
  return program
    .command('article')
    .description('print the resolution article of a category, as the auto-reply sends it')
    .argument('<category>', `one of: ${ARTICLE_CATEGORIES.join(', ')}`)
    .option('--html', 'print the HTML version instead of plain text')
    .option('--lang <lang>', `language (${LANGUAGES.join(', ')}); falls back to English where no translation exists`, parseLanguage, 'en')
    .option('--also <categories>', 'secondary categories (comma-separated) whose articles follow, as in a reply', parseCategories)
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
      const opts = this.opts<{ html?: boolean; lang: string; also?: ArticleCategory[]; name?: string; ticket?: string }>();
      const article = renderArticle(category, {
        language: opts.lang,
        ...(opts.also !== undefined ? { also: opts.also } : {}),
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
