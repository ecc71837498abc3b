import * as z from 'zod';

/**
 * The sign-in issue categories. The ids are a contract with the evaluation sets, the stored
 * tickets and the agents' queue (see ../shared/taxonomy.md beside the checkout): never rename.
 */
export const CATEGORIES = [
  'sign-in-general',
  'email-address',
  'mobile-phone',
  'password',
  'multiple-accounts',
  'bookshelf-empty',
  'createspace-migration',
  'error-404',
  'error-500',
  'two-step-verification',
  'amazon-customer-account',
  'other',
] as const;

export type Category = (typeof CATEGORIES)[number];
// Pure: a bundle that only needs the constants (the Lambda handlers) drops this and classic zod with it.
export const CategorySchema = /* @__PURE__ */ z.enum(CATEGORIES);

/** Categories that have a resolution article (everything but `other`). */
export type ArticleCategory = Exclude<Category, 'other'>;
export const ARTICLE_CATEGORIES = CATEGORIES.filter((c): c is ArticleCategory => c !== 'other');

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);
}

/** The languages customers write in (ISO 639-1). */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];
