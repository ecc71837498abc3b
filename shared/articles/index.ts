import { ARTICLE_CATEGORIES, type ArticleCategory } from '../taxonomy.ts';
import { singleLine } from '../reply/header-text.ts';
import { en } from './en.ts';
import type { Article, ArticleLocale, ReplyFrame } from './types.ts';

export type { Article, ArticleLocale, ReplyFrame } from './types.ts';

/** The languages articles are written in; any other language falls back to English. */
const LOCALES: Readonly<Record<string, ArticleLocale>> = { en };
const FALLBACK = en;

export const ARTICLE_LANGUAGES: readonly string[] = Object.keys(LOCALES);

export function isArticleCategory(value: unknown): value is ArticleCategory {
  return typeof value === 'string' && (ARTICLE_CATEGORIES as readonly string[]).includes(value);
}

/** The locale for `language` (ISO 639-1, any case, region ignored: `de-AT` → `de`), else English. */
export function getLocale(language = 'en'): ArticleLocale {
  const base = language.toLowerCase().split(/[-_]/)[0] ?? '';
  return Object.hasOwn(LOCALES, base) ? (LOCALES[base] as ArticleLocale) : FALLBACK;
}

export function getArticle(category: ArticleCategory, language = 'en'): Article {
  return getLocale(language).articles[category];
}

export interface RenderOptions {
  language?: string;
  /** The customer's display name as received; used only when it plainly looks like a name. */
  customerName?: string;
  /** The ticket the reply belongs to, quoted so a person can find it. */
  ticketId?: string;
  /**
   * Secondary categories whose articles follow the primary one (the taxonomy allows a reply to
   * add a secondary's article). Duplicates and the primary are ignored; at most `MAX_ALSO`.
   */
  also?: readonly ArticleCategory[];
}

/** Most secondary articles appended to one reply: more would bury the main answer. */
export const MAX_ALSO = 2;

export interface RenderedArticle {
  subject: string;
  text: string;
  html: string;
  /** The language actually used (after falling back). */
  language: string;
}

/**
 * The customer's name, or undefined when it is not plainly a person's name. The name is
 * attacker-controlled and gets echoed into mail we send, so anything that could carry a link,
 * an address or an instruction ("Visit evil.example to reset") is dropped, not escaped.
 */
export function safeCustomerName(name: string | undefined): string | undefined {
  const cleaned = singleLine(name ?? '', 200);
  if (cleaned.length === 0 || cleaned.length > 40) return undefined;
  // Letters (any script), marks, spaces, apostrophes, hyphens, and dots only after an initial.
  if (!/^[\p{L}\p{M}][\p{L}\p{M}' .\u2019-]*$/u.test(cleaned)) return undefined;
  if (/\.\p{L}/u.test(cleaned)) return undefined;
  return cleaned;
}

export function renderArticle(category: ArticleCategory, opts: RenderOptions = {}): RenderedArticle {
  const locale = getLocale(opts.language);
  const also = [...new Set(opts.also ?? [])].filter((c) => c !== category && isArticleCategory(c)).slice(0, MAX_ALSO);
  const articles = [category, ...also].map((c) => locale.articles[c]);
  const name = safeCustomerName(opts.customerName);
  const ticketId = opts.ticketId ? singleLine(opts.ticketId, 64) || undefined : undefined;
  return {
    subject: locale.articles[category].title,
    text: renderText(locale.frame, articles, name, ticketId),
    html: renderHtml(locale, articles, name, ticketId),
    language: locale.language,
  };
}

function renderText(frame: ReplyFrame, articles: readonly Article[], name?: string, ticketId?: string): string {
  const lines: string[] = [frame.greeting(name), '', frame.intro, ''];
  for (const article of articles) {
    lines.push(article.title, '', article.summary, '');
    lines.push(`${frame.stepsHeading}:`, ...article.steps.map((step, i) => `${i + 1}. ${step}`), '');
    if (article.checks?.length) {
      lines.push(`${frame.checksHeading}:`, ...article.checks.map((check) => `- ${check}`), '');
    }
    lines.push(article.closing, '');
  }
  lines.push(frame.signOff, frame.team, '');
  lines.push('---', frame.automaticNotice, frame.reachPerson(ticketId), frame.noSecrets, '');
  return lines.join('\n');
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

// Inline styles only: mail clients drop <style> blocks and external sheets, and we load nothing
// from outside (no images, fonts or tracking).
const STYLE = {
  body: 'margin:0;padding:0;background-color:#ffffff;',
  wrap: 'max-width:600px;margin:0 auto;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;',
  h1: 'font-size:20px;line-height:1.3;margin:24px 0 8px 0;color:#1a1a1a;',
  h2: 'font-size:16px;margin:20px 0 8px 0;color:#1a1a1a;',
  p: 'margin:0 0 12px 0;',
  list: 'margin:0 0 12px 0;padding-left:24px;',
  li: 'margin:0 0 6px 0;',
  note: 'margin:24px 0 0 0;padding:12px 0 0 0;border-top:1px solid #dddddd;font-size:13px;color:#555555;',
} as const;

function renderHtml(locale: ArticleLocale, articles: readonly Article[], name?: string, ticketId?: string): string {
  const { frame } = locale;
  const p = (text: string) => `<p style="${STYLE.p}">${escapeHtml(text)}</p>`;
  const list = (tag: 'ol' | 'ul', items: readonly string[]) =>
    `<${tag} style="${STYLE.list}">${items.map((item) => `<li style="${STYLE.li}">${escapeHtml(item)}</li>`).join('')}</${tag}>`;
  const parts = [p(frame.greeting(name)), p(frame.intro)];
  for (const article of articles) {
    parts.push(
      `<h1 style="${STYLE.h1}">${escapeHtml(article.title)}</h1>`,
      p(article.summary),
      `<h2 style="${STYLE.h2}">${escapeHtml(frame.stepsHeading)}</h2>`,
      list('ol', article.steps),
    );
    if (article.checks?.length) {
      parts.push(`<h2 style="${STYLE.h2}">${escapeHtml(frame.checksHeading)}</h2>`, list('ul', article.checks));
    }
    parts.push(p(article.closing));
  }
  parts.push(
    `<p style="${STYLE.p}">${escapeHtml(frame.signOff)}<br>${escapeHtml(frame.team)}</p>`,
    `<div style="${STYLE.note}">${[frame.automaticNotice, frame.reachPerson(ticketId), frame.noSecrets].map(p).join('')}</div>`,
  );
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(locale.language)}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml((articles[0] as Article).title)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.wrap}">`,
    ...parts,
    '</div></body>',
    '</html>',
    '',
  ].join('\n');
}
