import type { ReplyGuard, ReplyGuardResult } from '../../ports/reply-guard.ts';

/** The per-sender auto-reply window in memory (unit tests). */
export class MemoryReplyGuard implements ReplyGuard {
  private readonly windows = new Map<string, { holder: string; until: string }>();

  async acquire(sender: string, { holder, now, windowHours }: { holder: string; now: Date; windowHours: number }): Promise<ReplyGuardResult> {
    const key = sender.toLowerCase();
    const current = this.windows.get(key);
    if (current && current.holder !== holder && current.until > now.toISOString()) {
      return { acquired: false, ...current };
    }
    if (current && current.holder === holder) return { acquired: true, ...current };
    const taken = { holder, until: new Date(now.getTime() + windowHours * 3_600_000).toISOString() };
    this.windows.set(key, taken);
    return { acquired: true, ...taken };
  }
}
