import type { ParsedEmail } from '../types.ts';
import type { ClassifierInput } from './classify.ts';

/**
 * What the classifier reads of a parsed, redacted message. Training the word model reads mail
 * through this too, so both readings see the same text.
 */
export function classifierInput(parsed: ParsedEmail, email: ParsedEmail): ClassifierInput {
  const { own, quoted, forwarded, signature } = email.customer;
  // A customer who quotes their own earlier message ("sending this again") is restating the
  // request: it counts like a forward, not like our reply quoted back. The quoted message's
  // author is the first address of its header ("On … <a@b> wrote:", or "From:" before "To:").
  const sender = parsed.from?.address ?? '';
  const quotedAuthor = /[^\s<>"'()[\]:;,]+@[^\s<>"'()[\]:;,]+\.[a-z]{2,}/i.exec(quoted.slice(0, 600))?.[0].toLowerCase();
  const quotesSelf = sender !== '' && quotedAuthor === sender;
  return {
    // An auto-reply's subject is the thread it answers: the problem the thread is about, which is
    // what its ticket is filed under (never answered: it is machine mail).
    subject: email.subject,
    own,
    quoted: quotesSelf ? '' : quoted,
    forwarded: quotesSelf ? `${forwarded}\n${quoted}` : forwarded,
    signature,
    attachmentNames: email.attachments.flatMap((a) => (a.filename ? [a.filename] : [])),
  };
}
