import type { Triage } from '../types.ts';
import type { SesVerdicts, TicketReason, TicketStatus } from '../tickets/model.ts';

/**
 * Whether a new ticket may get the article auto-reply, and what status it gets. Pure: the
 * one place every rule of "never reply to …" lives, in the order they are checked.
 *
 * The reply goes to the From address, never to Reply-To: From is what SPF/DKIM/DMARC vouch
 * for (we only auto-reply when the sender is authenticated), while Reply-To is free text that
 * would let anyone aim our mail at a third party. RFC 3834 §4 allows a personal responder to
 * use From; we also honour its hard rule: no reply when the envelope sender (Return-Path) is
 * null (`<>`, bounces). An agent can still answer Reply-To by hand.
 */

export interface PolicyInput {
  triage: Pick<Triage, 'category' | 'confidence' | 'autoReply' | 'automated' | 'automatedSignals' | 'reasons'> & {
    email: { from: { address: string } | null };
  };
  verdicts: SesVerdicts | null;
  /** SMTP MAIL FROM as SES saw it; `''` or `<>` is the null sender. null when unknown. */
  envelopeSender: string | null;
  supportAddresses: readonly string[];
  confidenceThreshold: number;
}

export interface ReplyDecision {
  status: TicketStatus;
  autoReply: boolean;
  /** The one address an auto-reply goes to (lower-cased From), when it is sent. */
  recipient: string | null;
  reasons: TicketReason[];
}

const review = (reasons: TicketReason[]): ReplyDecision => ({ status: 'needs-review', autoReply: false, recipient: null, reasons });

export function decideReply(input: PolicyInput): ReplyDecision {
  const { triage, verdicts } = input;
  const classifierReasons: TicketReason[] = triage.reasons.map((r) => ({ code: r.code, detail: r.detail }));

  // 1. SES says it is spam or carries a virus: keep it out of the queue, never answer.
  const quarantine: TicketReason[] = [];
  if (verdicts?.spam === 'FAIL') quarantine.push({ code: 'ses-spam', detail: 'SES spam verdict FAIL' });
  if (verdicts?.virus === 'FAIL') quarantine.push({ code: 'ses-virus', detail: 'SES virus verdict FAIL' });
  if (quarantine.length > 0) return { status: 'quarantined', autoReply: false, recipient: null, reasons: [...quarantine, ...classifierReasons] };

  // 2. Machine mail (RFC 3834): answering it is how mail loops start.
  if (triage.automated) {
    const detail = triage.automatedSignals.join('; ') || 'written by a machine';
    return review(withReason(classifierReasons, { code: 'automated', detail }));
  }

  // 3. Our own address, in any of its forms.
  const from = triage.email.from?.address.toLowerCase() ?? '';
  if (from !== '' && input.supportAddresses.some((a) => a.toLowerCase() === from)) {
    return review(withReason(classifierReasons, { code: 'own-address', detail: `sent from our address ${from}` }));
  }

  // 4. RFC 3834 §4: never respond to a null envelope sender.
  if (input.envelopeSender !== null && ['', '<>'].includes(input.envelopeSender.trim())) {
    return review([{ code: 'no-return-path', detail: 'null envelope sender (<>)' }, ...classifierReasons]);
  }
  if (from === '') return review([{ code: 'no-recipient', detail: 'no usable From address' }, ...classifierReasons]);

  // 5. A forged sender must not receive account help.
  const auth = authentication(verdicts);
  if (auth !== null) return review([{ code: 'sender-not-authenticated', detail: auth }, ...classifierReasons]);

  // 6. What the classifier says about the words.
  if (triage.category === 'other') {
    return review(withReason(classifierReasons, { code: 'category-other', detail: 'not a sign-in issue: a person answers' }));
  }
  if (triage.confidence < input.confidenceThreshold) {
    return review(
      withReason(classifierReasons, {
        code: 'low-confidence',
        detail: `confidence ${triage.confidence.toFixed(2)} below ${input.confidenceThreshold}`,
      }),
    );
  }
  if (!triage.autoReply) return review(classifierReasons.length > 0 ? classifierReasons : [{ code: 'low-confidence', detail: 'the classifier withheld the reply' }]);

  return {
    status: 'auto-replied',
    autoReply: true,
    recipient: from,
    reasons: classifierReasons.length > 0 ? classifierReasons : [{ code: 'article-match', detail: triage.category }],
  };
}

/**
 * Why the sender counts as not authenticated, or null. Any SPF/DKIM/DMARC FAIL fails; with no
 * FAIL, DMARC PASS, or SPF or DKIM PASS for domains without a DMARC record (GRAY), is enough:
 * the article is public help-page text and the per-sender window caps what a forger gets.
 */
export function authentication(verdicts: SesVerdicts | null): string | null {
  if (verdicts === null) return 'no SES verdicts: sender not authenticated';
  const failed = (['spf', 'dkim', 'dmarc'] as const).filter((k) => verdicts[k] === 'FAIL');
  if (failed.length > 0) return `sender not authenticated: ${failed.map((k) => k.toUpperCase()).join(', ')} FAIL`;
  if (verdicts.dmarc === 'PASS' || verdicts.spf === 'PASS' || verdicts.dkim === 'PASS') return null;
  return 'sender not authenticated: neither SPF, DKIM nor DMARC passed';
}

/** The per-sender reply window as the ticket store found it: taken by this message or held by `holder`. */
export interface ReplyWindowResult {
  acquired: boolean;
  holder: string;
  until: string;
}

/** The decision after the per-sender window: a second email inside it goes to the queue. */
export function applyReplyWindow(decision: ReplyDecision, guard: ReplyWindowResult): ReplyDecision {
  if (!decision.autoReply || guard.acquired) return decision;
  return review([{ code: 'reply-window', detail: `an auto-reply already went to this sender; window open until ${guard.until}` }, ...decision.reasons.filter((r) => r.code !== 'article-match')]);
}

/**
 * A follow-up's effect on its ticket: a person's message reopens a ticket that was answered or
 * resolved; machine mail (an out-of-office answering our reply) and quarantined mail change
 * nothing; a ticket already waiting for a person stays as it is. Follow-ups never auto-reply.
 */
export function followUpStatus(current: TicketStatus, message: { automated: boolean; quarantined: boolean }): TicketStatus | null {
  if (message.automated || message.quarantined) return null;
  return current === 'resolved' || current === 'auto-replied' ? 'open' : null;
}

function withReason(reasons: TicketReason[], reason: TicketReason): TicketReason[] {
  return reasons.some((r) => r.code === reason.code) ? reasons : [reason, ...reasons];
}
