import * as z from '../../shared/zod-mini.ts';
import type { InboundMessage } from '../../shared/pipeline/process-inbound.ts';
import type { SesVerdicts, VerdictStatus } from '../../shared/tickets/model.ts';

/**
 * The SES receipt-rule event (Lambda action), validated. Only what the pipeline relies on is
 * required; anything else SES adds passes through. The event's headers are not used: SES cuts
 * them at 10 KB (`headersTruncated`), so every header is read from the raw message in S3.
 */

const STATUSES = ['PASS', 'FAIL', 'GRAY', 'PROCESSING_FAILED', 'DISABLED'] as const;

/**
 * The schemas, built on first use: constructing zod schemas is import-time work that would
 * otherwise lengthen every cold start before the first event is even read.
 */
function buildSchemas() {
  /** A verdict SES did not send (scanning off) counts as DISABLED; an unknown status, as failed processing. */
  const Verdict = z.pipe(
    z.optional(z.object({ status: z.string() })),
    z.transform((v): VerdictStatus => {
      if (v === undefined) return 'DISABLED';
      const status = v.status.toUpperCase();
      return (STATUSES as readonly string[]).includes(status) ? (status as VerdictStatus) : 'PROCESSING_FAILED';
    }),
  );

  const record = z.object({
    eventSource: z.literal('aws:ses'),
    ses: z.object({
      mail: z.object({
        timestamp: z.iso.datetime({ offset: true }),
        source: z.string(),
        // Also the S3 object name: only the characters SES uses, so it cannot walk the bucket.
        messageId: z.string().check(z.regex(/^[A-Za-z0-9._-]{1,200}$/)),
        destination: z.array(z.string()),
        headersTruncated: z.optional(z.boolean()),
      }),
      receipt: z.object({
        recipients: z.array(z.string()),
        spamVerdict: Verdict,
        virusVerdict: Verdict,
        spfVerdict: Verdict,
        dkimVerdict: Verdict,
        dmarcVerdict: Verdict,
        dmarcPolicy: z.optional(z.string()),
      }),
    }),
  });

  return { record, event: z.object({ Records: z.array(record).check(z.minLength(1)) }) };
}

let schemas: ReturnType<typeof buildSchemas> | null = null;

/** The whole event: one or more receipt records. */
export function sesEventSchema(): ReturnType<typeof buildSchemas>['event'] {
  return (schemas ??= buildSchemas()).event;
}

export type SesRecord = z.infer<ReturnType<typeof buildSchemas>['record']>;

/** What the use case needs from one record: where the raw message is, when, from whom, verdicts. */
export function toInboundMessage(record: SesRecord, location: { bucket: string; prefix: string }): InboundMessage {
  const { mail, receipt } = record.ses;
  const verdicts: SesVerdicts = {
    spam: receipt.spamVerdict,
    virus: receipt.virusVerdict,
    spf: receipt.spfVerdict,
    dkim: receipt.dkimVerdict,
    dmarc: receipt.dmarcVerdict,
    dmarcPolicy: receipt.dmarcPolicy ?? null,
  };
  return {
    sesMessageId: mail.messageId,
    raw: { bucket: location.bucket, key: `${location.prefix}${mail.messageId}` },
    receivedAt: new Date(mail.timestamp).toISOString(),
    envelopeSender: mail.source,
    verdicts,
  };
}

/** The SES message id of an event that failed validation, if one can be found (for the log). */
export function sesMessageIdOf(event: unknown): string | null {
  const id = (event as { Records?: Array<{ ses?: { mail?: { messageId?: unknown } } }> })?.Records?.[0]?.ses?.mail?.messageId;
  return typeof id === 'string' ? id.slice(0, 200) : null;
}
