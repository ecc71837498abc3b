import * as z from 'zod';
import { CategorySchema } from '../taxonomy.ts';
import { TICKET_STATUSES } from '../tickets/model.ts';

/**
 * What the agents' API accepts, as zod schemas: query strings (all values arrive as strings)
 * and JSON bodies. Unknown keys are refused, so a typo is a 400 and not a silently ignored filter.
 */

const isoInstant = z.iso.datetime({ offset: true });
const unit = z.coerce.number().min(0).max(1);

export const ListTicketsQuerySchema = z
  .object({
    status: z.enum(TICKET_STATUSES).optional(),
    category: CategorySchema.optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    /** Inclusive confidence bounds. */
    minConfidence: unit.optional(),
    maxConfidence: unit.optional(),
    sender: z.string().trim().toLowerCase().min(3).max(320).optional(),
    /** Received at or after / before (ISO 8601 instants). */
    from: isoInstant.optional(),
    to: isoInstant.optional(),
    /** Words in the subject, sender or ticket id (case-insensitive). */
    q: z.string().trim().min(1).max(200).optional(),
    order: z.enum(['newest', 'oldest']).default('newest'),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(2000).optional(),
  })
  .strict()
  .refine((q) => q.minConfidence === undefined || q.maxConfidence === undefined || q.minConfidence <= q.maxConfidence, {
    message: 'minConfidence must not exceed maxConfidence',
    path: ['minConfidence'],
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type ListTicketsQuery = z.infer<typeof ListTicketsQuerySchema>;

export const StatsQuerySchema = z.object({ window: z.enum(['24h', '7d']).default('24h') }).strict();
export type StatsWindow = z.infer<typeof StatsQuerySchema>['window'];

/** One agent change: any of category (an override), status, assignee, and a note. */
export const PatchTicketBodySchema = z
  .object({
    category: CategorySchema.optional(),
    status: z.enum(TICKET_STATUSES).optional(),
    assignee: z.string().trim().min(1).max(320).nullable().optional(),
    note: z.string().trim().min(1).max(5000).optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change' });
export type PatchTicketBody = z.infer<typeof PatchTicketBodySchema>;

/** One per composed reply, so a retried POST sends nothing twice. */
const IdempotencyKeySchema = z.string().trim().regex(/^[A-Za-z0-9_-]{8,64}$/, 'use 8-64 letters, digits, - or _');

/** A reply: a category's article, or the agent's own words. */
export const ReplyBodySchema = z.union([
  z.object({ article: CategorySchema.exclude(['other']), idempotencyKey: IdempotencyKeySchema }).strict(),
  z.object({ text: z.string().trim().min(1).max(20_000), idempotencyKey: IdempotencyKeySchema }).strict(),
]);
export type AgentReplyBody = z.infer<typeof ReplyBodySchema>;

/** `If-Match` carries the version the agent read (a bare number or an ETag-style `"7"`). */
export const VersionHeaderSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/^W\//, '').replace(/^"|"$/g, ''))
  .pipe(z.string().regex(/^\d{1,12}$/, 'a version number'))
  .transform(Number);
