import { describe, expect, it } from 'vitest';
import type { ReplyGuard } from '../../../../shared/ports/reply-guard.ts';
import { newItemId } from '../../../../shared/tickets/model.ts';

const T0 = new Date('2026-03-01T10:00:00.000Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

/** The behaviour every ReplyGuard adapter must have; run against memory and DynamoDB Local. */
export function replyGuardContract(name: string, make: () => Promise<ReplyGuard> | ReplyGuard): void {
  describe(`ReplyGuard contract: ${name}`, () => {
    it('gives one holder the window per sender; the same holder again; another after it ends', async () => {
      const guard = await make();
      const sender = `Guard-${newItemId()}@Example.com`;
      const first = await guard.acquire(sender, { holder: 'm1', now: T0, windowHours: 24 });
      expect(first).toEqual({ acquired: true, holder: 'm1', until: hours(24).toISOString() });
      expect(await guard.acquire(sender.toLowerCase(), { holder: 'm1', now: hours(1), windowHours: 24 })).toMatchObject({ acquired: true, holder: 'm1' });
      expect(await guard.acquire(sender, { holder: 'm2', now: hours(23), windowHours: 24 })).toEqual({ acquired: false, holder: 'm1', until: hours(24).toISOString() });
      expect(await guard.acquire(sender, { holder: 'm3', now: hours(24.5), windowHours: 24 })).toEqual({ acquired: true, holder: 'm3', until: hours(48.5).toISOString() });
      expect(await guard.acquire(`other-${newItemId()}@example.com`, { holder: 'm2', now: hours(23), windowHours: 24 })).toMatchObject({ acquired: true });
    });

    it('lets exactly one of many concurrent messages from one sender take the window', async () => {
      const guard = await make();
      const sender = `race-${newItemId()}@example.com`;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => guard.acquire(sender, { holder: `m${i}`, now: T0, windowHours: 24 })),
      );
      expect(results.filter((r) => r.acquired)).toHaveLength(1);
      const holder = results.find((r) => r.acquired)!.holder;
      expect(results.every((r) => r.holder === holder)).toBe(true);
    });
  });
}
