import type { Category } from './taxonomy.ts';

/** A mailbox as written in a header, after RFC 2047 decoding. */
export interface Mailbox {
  name: string;
  /** Lower-cased; empty when the header held no usable address (e.g. `<>`). */
  address: string;
}

export interface AttachmentMeta {
  filename: string | null;
  mimeType: string;
  /** Decoded size in bytes. */
  size: number;
  disposition: 'attachment' | 'inline' | null;
  contentId: string | null;
}

/**
 * The customer's text, split so that what they wrote now weighs most. Nothing is deleted:
 * `quoted`, `forwarded` and `signature` keep what was set apart, in order of appearance.
 */
export interface CustomerText {
  /** What the customer wrote in this message (quotes, signature, disclaimers removed). */
  own: string;
  /** Earlier messages quoted in a reply (`> …`, "On … wrote:", Outlook "-----Original Message-----"). */
  quoted: string;
  /** Forwarded messages' text (inline "---------- Forwarded message ---------" or message/rfc822 parts). */
  forwarded: string;
  /** Signature blocks and legal disclaimers. */
  signature: string;
}

export interface ParsedEmail {
  messageId: string | null;
  inReplyTo: string | null;
  /** Message ids from References (and In-Reply-To), oldest first, without angle brackets. */
  references: string[];
  /** Decoded subject; empty string when missing. */
  subject: string;
  from: Mailbox | null;
  replyTo: Mailbox[];
  returnPath: string | null;
  to: Mailbox[];
  cc: Mailbox[];
  /** ISO 8601, when the Date header parsed. */
  date: string | null;
  /** All headers, keys lower-cased, values unfolded and decoded, in message order. */
  headers: Array<{ key: string; value: string }>;
  /** Lower-cased top-level media type, e.g. `multipart/report`. */
  contentType: string;
  /** The plain text body (HTML converted to clean text when there is no text part). */
  text: string;
  /** The HTML body as received (unsanitised: render only through a sanitiser). */
  html: string | null;
  customer: CustomerText;
  attachments: AttachmentMeta[];
  /** Problems met while parsing that did not stop it (odd charset, truncated part…). */
  warnings: string[];
}

export type ReasonCode =
  | 'article-match' // confident, safe: the article is sent
  | 'automated' // written by a machine (RFC 3834 and helpdesk heuristics)
  | 'own-address' // sent from one of our support addresses
  | 'low-confidence'
  | 'category-other'
  | 'empty-body'
  | 'unparseable'
  | 'follow-up' // a reply in an existing conversation (thank-you, "still not working") – a person answers
  | 'too-large'
  | 'second-opinion'; // the word model firmly reads another category than the confident rules: a person checks

export interface Reason {
  code: ReasonCode;
  detail: string;
}

export interface Evidence {
  /** The phrase as it stands in the (redacted) text, so the page can highlight it. */
  phrase: string;
  category: Category;
  /** Where it was found. */
  source: 'subject' | 'own' | 'quoted' | 'forwarded' | 'signature' | 'attachment' | 'header';
  /** The score it contributed. */
  weight: number;
}

export interface Triage {
  category: Category;
  secondary: Category[];
  /** Calibrated probability that `category` is right, in [0, 1]. */
  confidence: number;
  autoReply: boolean;
  reasons: Reason[];
  automated: boolean;
  /** What made the message count as machine-written, e.g. `Auto-Submitted: auto-replied`. */
  automatedSignals: string[];
  /** ISO 639-1 code, or `und` when undetermined. */
  language: string;
  evidence: Evidence[];
  email: ParsedEmail;
}

export interface ClassifyOptions {
  /** Our own addresses: mail from them is never answered (loop guard). */
  supportAddresses?: string[];
}
