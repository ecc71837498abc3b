export interface ReplyGuardResult {
  acquired: boolean;
  /** Who holds the window (the Message-ID that took it) and until when. */
  holder: string;
  until: string;
}

/**
 * At most one auto-reply per sender per window. `acquire` is one conditional write, so two
 * emails from one sender processed at the same moment cannot both take it; it is idempotent
 * for the same `holder`, so a retried delivery of the message that took it still may reply.
 */
export interface ReplyGuard {
  acquire(sender: string, options: { holder: string; now: Date; windowHours: number }): Promise<ReplyGuardResult>;
}
