import { describe, expect, it } from 'vitest';
import { cutChars, isTicketId, newTicketId, storedText } from '../../../shared/tickets/model.ts';

describe('ticket model helpers', () => {
  it('cuts text without splitting a character', () => {
    expect(cutChars('ab😀cd', 3)).toBe('ab');
    expect(cutChars('ab😀cd', 4)).toBe('ab😀');
    expect(cutChars('abc', 10)).toBe('abc');
    expect(storedText('é'.repeat(10), 5)).toEqual({ text: 'éé', truncated: true, originalBytes: 20 });
    expect(storedText('a😀', 4)).toEqual({ text: 'a', truncated: true, originalBytes: 5 });
    expect(storedText('short', 100)).toEqual({ text: 'short', truncated: false, originalBytes: 5 });
  });

  it('makes short, readable ticket ids that sort by creation time', () => {
    const a = newTicketId(new Date('2026-01-01T00:00:00.000Z'));
    const b = newTicketId(new Date('2026-01-01T00:00:00.001Z'));
    const c = newTicketId(new Date('2030-06-01T00:00:00.000Z'));
    for (const id of [a, b, c]) expect(isTicketId(id)).toBe(true);
    expect([c, a, b].sort()).toEqual([a, b, c]);
    expect(a).toHaveLength(12);
    expect(a).not.toMatch(/[ILOU]/);
  });
});
