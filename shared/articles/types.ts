import type { ArticleCategory } from '../taxonomy.ts';

/**
 * One resolution article, as plain sentences. Both the text and the HTML rendering are made
 * from this one structure, so the two can never say different things. No markup and no
 * template tokens: every string is shown exactly as written (the HTML renderer escapes it).
 */
export interface Article {
  /** Short headline; also the reply subject when the customer's subject was empty. */
  title: string;
  /** What is most likely going on, in a sentence or two. */
  summary: string;
  /** What to do, in order. */
  steps: readonly string[];
  /** Further things worth checking (a bulleted list), when there are any. */
  checks?: readonly string[];
  /** What to do when the steps did not help. */
  closing: string;
}

/** The words around every article: greeting, notices that every automatic reply carries. */
export interface ReplyFrame {
  /** `name` has already been vetted (see `safeCustomerName`); absent means "no name". */
  greeting(name?: string): string;
  /** Opening line saying what this email is. */
  intro: string;
  stepsHeading: string;
  checksHeading: string;
  /** Says the message was written automatically. */
  automaticNotice: string;
  /** How to reach a person: reply to this email, quoting the ticket when there is one. */
  reachPerson(ticketId?: string): string;
  /** We never ask for passwords or codes. */
  noSecrets: string;
  signOff: string;
  team: string;
}

/** Everything one language needs: an article per category and the frame. */
export interface ArticleLocale {
  /** ISO 639-1 code, also the `lang`/`Content-Language` of the rendered reply. */
  language: string;
  frame: ReplyFrame;
  articles: Readonly<Record<ArticleCategory, Article>>;
}
