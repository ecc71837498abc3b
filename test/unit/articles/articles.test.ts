import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { escapeHtml, getArticle, getLocale, MAX_ALSO, renderArticle, safeCustomerName } from '../../../shared/articles/index.ts';
import { en } from '../../../shared/articles/en.ts';
import { ARTICLE_CATEGORIES, type ArticleCategory } from '../../../shared/taxonomy.ts';

// The facts each article must carry, from the help page (../shared/seeds/kdp-sign-in-issues.txt)
// as listed in the taxonomy's "resolution" column.
const KEY_FACTS: Record<ArticleCategory, RegExp[]> = {
  'sign-in-general': [
    /Your Account/,
    /two-step verification/i,
    /username@domain\.com/,
    /country code/,
    /CAPS Lock/,
    /Password Reset page/,
    /new customer/,
  ],
  'email-address': [/username@domain\.com/, /\.net, \.org/, /address and the password you type have to belong to the same account/],
  'mobile-phone': [/mobile phone number/, /country code/],
  password: [
    /CAPS Lock and NUM Lock/,
    /case sensitive/,
    /"PASSWORD" and "Password"/,
    /Password Reset page/,
    /Junk or Spam folder/,
    /Forgot your password\?/,
  ],
  'multiple-accounts': [/new customer/, /same email address/, /Sign out/, /Sign back in with the email address and the password that belong to your KDP account/],
  'bookshelf-empty': [
    /Bookshelf/,
    /second account/,
    /email address that is not the one of your KDP account/,
    /Sign out/,
    /passwords your browser has saved/,
    /Forgot your password\?/,
  ],
  'createspace-migration': [/CreateSpace/, /which email address to use on KDP/],
  'error-404': [/404 Not Found/, /no longer exists/, /account is closed/, /reply to the email message you received about the status of your account/],
  'error-500': [/500 Internal Server Error/, /maintenance/, /overloaded/, /10-15 minutes/],
  'two-step-verification': [/Two-Step Verification help page/, /Your Account/],
  'amazon-customer-account': [/Amazon customer account/, /contact Amazon Customer Service/],
};

const helpPage = fileURLToPath(new URL('../../../../shared/seeds/kdp-sign-in-issues.txt', import.meta.url));

/** Checks tags open and close in order (void elements aside): enough to catch a broken template. */
function assertBalancedTags(html: string): void {
  const voids = new Set(['meta', 'br', 'hr', '!doctype']);
  const stack: string[] = [];
  for (const [, slash, name] of html.matchAll(/<(\/?)(!?[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const tag = (name as string).toLowerCase();
    if (voids.has(tag)) continue;
    if (slash) expect(stack.pop(), `closing </${tag}>`).toBe(tag);
    else stack.push(tag);
  }
  expect(stack).toEqual([]);
}

function allStrings(category: ArticleCategory): string {
  const a = en.articles[category];
  return [a.title, a.summary, ...a.steps, ...(a.checks ?? []), a.closing].join('\n');
}

describe('resolution articles', () => {
  it('exist for every category except other, with distinct titles', () => {
    expect(Object.keys(en.articles).sort()).toEqual([...ARTICLE_CATEGORIES].sort());
    const titles = ARTICLE_CATEGORIES.map((c) => en.articles[c].title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it.each(ARTICLE_CATEGORIES)('%s carries its key facts in text and HTML', (category) => {
    const { text, html } = renderArticle(category);
    for (const fact of KEY_FACTS[category]) {
      expect(text).toMatch(fact);
      expect(html.replace(/&quot;/g, '"').replace(/&#39;/g, "'")).toMatch(fact);
    }
  });

  it.each(ARTICLE_CATEGORIES)('%s says it is automatic, how to reach a person, and never asks for secrets', (category) => {
    const { text, html } = renderArticle(category, { ticketId: 'T01HXYZ' });
    for (const body of [text, html]) {
      expect(body).toContain('This is an automatic answer');
      expect(body).toContain('just reply to this email');
      expect(body).toContain('Your ticket number is T01HXYZ');
      expect(body).toContain('We will never ask you for your password or for a verification code');
    }
    const noTicket = renderArticle(category);
    expect(noTicket.text).toContain('just reply to this email');
    expect(noTicket.text).not.toContain('ticket number');
  });

  it.each(ARTICLE_CATEGORIES)('%s renders with no unfilled tokens and no external resources', (category) => {
    const { subject, text, html } = renderArticle(category, { customerName: 'Ana', ticketId: 'T1' });
    expect(subject).toBe(en.articles[category].title);
    for (const body of [subject, text, html]) {
      expect(body).not.toMatch(/\$\{|\{\{|\}\}|\bundefined\b|\bnull\b|\bNaN\b|\[object /);
    }
    expect(text).not.toMatch(/<[a-z/!]/i);
    expect(html).not.toMatch(/\b(?:src|href|background)\s*=|url\(|https?:|<style|<script|<img|<link/i);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    assertBalancedTags(html);
    // Every & in the HTML starts an entity.
    expect(html).not.toMatch(/&(?!(?:amp|lt|gt|quot|#39);)/);
    expect(text.startsWith('Hello Ana,\n')).toBe(true);
  });

  it('names pages without inventing addresses: the only site named is kdp.amazon.com', () => {
    for (const category of ARTICLE_CATEGORIES) {
      const words = allStrings(category).match(/\b[\w-]+(?:\.[\w-]+)+\b/g) ?? [];
      for (const word of words) expect(['kdp.amazon.com', 'domain.com']).toContain(word);
    }
  });

  it.skipIf(!existsSync(helpPage))('retells the help page in its own words: no 8-word run copied', () => {
    const words = (s: string) => s.toLowerCase().replace(/[’']/g, "'").match(/[a-z0-9'@.]+/g) ?? [];
    const source = words(readFileSync(helpPage, 'utf8'));
    const runs = new Set<string>();
    for (let i = 0; i + 8 <= source.length; i++) runs.add(source.slice(i, i + 8).join(' '));
    for (const category of ARTICLE_CATEGORIES) {
      const text = words(renderArticle(category).text);
      for (let i = 0; i + 8 <= text.length; i++) {
        expect(runs.has(text.slice(i, i + 8).join(' ')), `${category}: "${text.slice(i, i + 8).join(' ')}"`).toBe(false);
      }
    }
  });

  it('escapes everything it renders into HTML', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    const { html, text } = renderArticle('password', { customerName: "Siobhán O'Brien" });
    expect(html).toContain('Hello Siobhán O&#39;Brien,');
    expect(text).toContain("Hello Siobhán O'Brien,");
    expect(html).toContain('&quot;PASSWORD&quot; and &quot;Password&quot;');
  });

  it('greets by name only when the name plainly is one', () => {
    expect(safeCustomerName('  Jane\r\n Doe ')).toBe('Jane Doe');
    expect(safeCustomerName('J. R. Hartley')).toBe('J. R. Hartley');
    expect(safeCustomerName('山田 太郎')).toBe('山田 太郎');
    expect(safeCustomerName('Zoë-Marie')).toBe('Zoë-Marie');
    // A bidi override cannot disguise the name: it becomes a plain space.
    expect(safeCustomerName('Jane\u202eeoD')).toBe('Jane eoD');
    for (const hostile of [
      '<script>alert(1)</script>',
      'Visit evil.example to reset',
      'jane@example.com',
      'http://evil.example',
      'Call 555 0100',
      'A'.repeat(41),
      '',
      undefined,
    ]) {
      expect(safeCustomerName(hostile)).toBeUndefined();
    }
    const { text, html } = renderArticle('error-500', { customerName: '<b>Visit evil.example</b>' });
    expect(text.startsWith('Hello,\n')).toBe(true);
    expect(html).not.toContain('evil');
  });

  it('appends secondary articles after the primary, once each and at most MAX_ALSO', () => {
    const { subject, text, html } = renderArticle('password', { also: ['two-step-verification', 'password', 'two-step-verification'] });
    expect(subject).toBe(en.articles.password.title);
    const order = [en.articles.password.title, en.articles['two-step-verification'].title];
    expect(text.indexOf(order[0] as string)).toBeLessThan(text.indexOf(order[1] as string));
    expect(text.split(en.articles['two-step-verification'].title)).toHaveLength(2);
    expect(text.match(/This is an automatic answer/g)).toHaveLength(1);
    expect(html.match(/<h1 /g)).toHaveLength(2);
    assertBalancedTags(html);
    const many = renderArticle('sign-in-general', { also: ['error-404', 'error-500', 'mobile-phone'] });
    expect(many.html.match(/<h1 /g)).toHaveLength(1 + MAX_ALSO);
    expect(many.text).not.toContain(en.articles['mobile-phone'].title);
  });

  it('falls back to English for a language without articles, and reads region tags', () => {
    expect(getArticle('password', 'ja')).toBe(en.articles.password);
    expect(getArticle('password', 'EN-gb')).toBe(en.articles.password);
    expect(getArticle('password', 'und')).toBe(en.articles.password);
    expect(getLocale('__proto__')).toBe(en);
    expect(renderArticle('error-404', { language: 'de' }).language).toBe('en');
  });
});
