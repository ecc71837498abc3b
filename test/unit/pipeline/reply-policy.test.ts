import { describe, expect, it } from 'vitest';
import { applyReplyWindow, authentication, decideReply, followUpStatus, type PolicyInput } from '../../../shared/pipeline/reply-policy.ts';
import type { SesVerdicts } from '../../../shared/tickets/model.ts';

const PASS: SesVerdicts = { spam: 'PASS', virus: 'PASS', spf: 'PASS', dkim: 'PASS', dmarc: 'PASS', dmarcPolicy: null };

function input(over: { triage?: Partial<PolicyInput['triage']>; verdicts?: Partial<SesVerdicts> | null } & Partial<Omit<PolicyInput, 'triage' | 'verdicts'>> = {}): PolicyInput {
  const { triage, verdicts, ...rest } = over;
  return {
    triage: {
      category: 'password',
      confidence: 0.93,
      autoReply: true,
      automated: false,
      automatedSignals: [],
      reasons: [{ code: 'article-match', detail: 'password' }],
      email: { from: { address: 'Author@Example.com' } },
      ...triage,
    },
    verdicts: verdicts === null ? null : { ...PASS, ...verdicts },
    envelopeSender: 'bounce@example.com',
    supportAddresses: ['support@kdp.example.com', 'help@kdp.example.com'],
    confidenceThreshold: 0.8,
    ...rest,
  };
}

describe('reply policy', () => {
  it('answers a confident, authenticated, human sign-in question, to the From address', () => {
    expect(decideReply(input())).toEqual({
      status: 'auto-replied',
      autoReply: true,
      recipient: 'author@example.com',
      reasons: [{ code: 'article-match', detail: 'password' }],
    });
  });

  it('quarantines SES spam or virus FAIL without a reply, before anything else', () => {
    const spam = decideReply(input({ verdicts: { spam: 'FAIL' }, triage: { automated: true } }));
    expect(spam).toMatchObject({ status: 'quarantined', autoReply: false, recipient: null });
    expect(spam.reasons[0]?.code).toBe('ses-spam');
    expect(decideReply(input({ verdicts: { virus: 'FAIL' } })).reasons[0]?.code).toBe('ses-virus');
  });

  it('never answers machine mail, our own address or a null envelope sender', () => {
    const machine = decideReply(input({ triage: { automated: true, automatedSignals: ['Precedence: bulk'], autoReply: false } }));
    expect(machine).toMatchObject({ status: 'needs-review', autoReply: false });
    expect(machine.reasons[0]).toEqual({ code: 'automated', detail: 'Precedence: bulk' });
    const own = decideReply(input({ triage: { email: { from: { address: 'HELP@kdp.example.com' } } } }));
    expect(own.reasons[0]?.code).toBe('own-address');
    expect(decideReply(input({ envelopeSender: '' })).reasons[0]?.code).toBe('no-return-path');
    expect(decideReply(input({ envelopeSender: '<>' })).autoReply).toBe(false);
    expect(decideReply(input({ triage: { email: { from: null } } })).reasons[0]?.code).toBe('no-recipient');
  });

  it('sends a forged or unauthenticated sender to review with "sender not authenticated"', () => {
    for (const v of [{ spf: 'FAIL' }, { dkim: 'FAIL' }, { dmarc: 'FAIL' }] as const) {
      const d = decideReply(input({ verdicts: v }));
      expect(d).toMatchObject({ status: 'needs-review', autoReply: false });
      expect(d.reasons[0]?.code).toBe('sender-not-authenticated');
      expect(d.reasons[0]?.detail).toMatch(/sender not authenticated/);
    }
    expect(decideReply(input({ verdicts: { spf: 'GRAY', dkim: 'GRAY', dmarc: 'GRAY' } })).reasons[0]?.code).toBe('sender-not-authenticated');
    expect(decideReply(input({ verdicts: null })).autoReply).toBe(false);
    // No DMARC record for the domain, but DKIM passes: answered.
    expect(decideReply(input({ verdicts: { dmarc: 'GRAY', spf: 'GRAY' } })).autoReply).toBe(true);
    expect(authentication({ ...PASS, dmarc: 'PROCESSING_FAILED' })).toBeNull();
  });

  it('leaves `other`, low confidence and a withheld reply to a person', () => {
    expect(decideReply(input({ triage: { category: 'other' } })).reasons[0]?.code).toBe('category-other');
    const low = decideReply(input({ triage: { confidence: 0.79 } }));
    expect(low).toMatchObject({ status: 'needs-review', autoReply: false });
    expect(low.reasons[0]?.code).toBe('low-confidence');
    const withheld = decideReply(input({ triage: { autoReply: false, reasons: [{ code: 'follow-up', detail: 'thanks' }] } }));
    expect(withheld).toMatchObject({ status: 'needs-review', reasons: [{ code: 'follow-up', detail: 'thanks' }] });
  });

  it('sends a second email inside the window to review; the holder keeps its reply', () => {
    const decision = decideReply(input());
    const taken = applyReplyWindow(decision, { acquired: false, holder: 'first@x', until: '2026-03-02T00:00:00.000Z' });
    expect(taken).toMatchObject({ status: 'needs-review', autoReply: false, recipient: null });
    expect(taken.reasons.map((r) => r.code)).toEqual(['reply-window']);
    expect(applyReplyWindow(decision, { acquired: true, holder: 'm', until: 'x' })).toBe(decision);
  });

  it('reopens an answered or resolved ticket on a person\'s follow-up, never on machine or quarantined mail', () => {
    expect(followUpStatus('resolved', { automated: false, quarantined: false })).toBe('open');
    expect(followUpStatus('auto-replied', { automated: false, quarantined: false })).toBe('open');
    expect(followUpStatus('needs-review', { automated: false, quarantined: false })).toBeNull();
    expect(followUpStatus('auto-replied', { automated: true, quarantined: false })).toBeNull();
    expect(followUpStatus('resolved', { automated: false, quarantined: true })).toBeNull();
  });
});
