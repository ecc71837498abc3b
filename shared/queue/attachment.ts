import PostalMime from 'postal-mime';
import { NotFoundError } from '../ports/errors.ts';
import type { RawMailStore } from '../ports/raw-mail-store.ts';
import type { TicketStore } from '../ports/ticket-store.ts';

export interface AttachmentFile {
  filename: string;
  /** As the sender declared it; the API serves every attachment as a download, never inline. */
  mimeType: string;
  content: Uint8Array;
}

/**
 * The `index`-th attachment of the message that opened a ticket, read from the raw message in
 * S3 (items keep only the list). Parsed with the options parseEmail uses, so the index matches
 * the `attachments` list the ticket shows.
 */
export async function readAttachment(deps: { tickets: TicketStore; rawMail: RawMailStore }, ticketId: string, index: number): Promise<AttachmentFile> {
  const ticket = await deps.tickets.getTicket(ticketId);
  if (!ticket) throw new NotFoundError(`ticket ${ticketId} not found`);
  if (index >= ticket.attachments.length) throw new NotFoundError(`ticket ${ticketId} has no attachment ${index}`);
  const email = await PostalMime.parse(await deps.rawMail.get(ticket.raw), { forceRfc822Attachments: true, attachmentEncoding: 'arraybuffer' });
  const attachment = email.attachments[index];
  if (!attachment) throw new NotFoundError(`attachment ${index} is not in the raw message`);
  const content = attachment.content;
  return {
    filename: attachment.filename ?? ticket.attachments[index]?.filename ?? `attachment-${index + 1}`,
    mimeType: attachment.mimeType,
    content: typeof content === 'string' ? new TextEncoder().encode(content) : new Uint8Array(content),
  };
}
