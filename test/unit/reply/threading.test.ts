import { describe, expect, it } from 'vitest';
import {
  newMessageId,
  normalizeMessageId,
  replyReferences,
  replySubject,
  ticketIdFromMessageId,
  ticketIdFromSubject,
} from '../../../shared/reply/threading.ts';
import { singleLine } from '../../../shared/reply/header-text.ts';

describe('replySubject', () => {
  const FALLBACK = 'Your message to KDP support';
  it.each([
    ['Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re: Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['RE: Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['re:Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re: Re: Re: Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re[2]: Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re(3): Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re^2: Cannot sign in', 'Re: Cannot sign in [Ticket #01KB7Q3M8X4T]'],
    ['Re : Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #01KB7Q3M8X4T]'],
    ['AW: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #01KB7Q3M8X4T]'],
    ['Antwort: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #01KB7Q3M8X4T]'],
    ['WG: AW: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #01KB7Q3M8X4T]'],
    ['SV: Kan ikke logge inn', 'Re: Kan ikke logge inn [Ticket #01KB7Q3M8X4T]'],
    ['VS: Kan ikke logge inn', 'Re: Kan ikke logge inn [Ticket #01KB7Q3M8X4T]'],
    ['Antw: Kan niet inloggen', 'Re: Kan niet inloggen [Ticket #01KB7Q3M8X4T]'],
    ['Doorst: Kan niet inloggen', 'Re: Kan niet inloggen [Ticket #01KB7Q3M8X4T]'],
    ['Réf: Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #01KB7Q3M8X4T]'],
    ['RÉF : Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #01KB7Q3M8X4T]'],
    ['TR: Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #01KB7Q3M8X4T]'],
    ['R: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #01KB7Q3M8X4T]'],
    ['RIF: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #01KB7Q3M8X4T]'],
    ['I: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #01KB7Q3M8X4T]'],
    ['RES: Não consigo entrar', 'Re: Não consigo entrar [Ticket #01KB7Q3M8X4T]'],
    ['ENC: Não consigo entrar', 'Re: Não consigo entrar [Ticket #01KB7Q3M8X4T]'],
    ['RV: No puedo iniciar sesión', 'Re: No puedo iniciar sesión [Ticket #01KB7Q3M8X4T]'],
    ['Fwd: Error 500', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['FW: Error 500', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['Fwd: Re: AW: RE: Error 500', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['Re：サインインできません', 'Re: サインインできません [Ticket #01KB7Q3M8X4T]'],
    ['回复: 无法登录', 'Re: 无法登录 [Ticket #01KB7Q3M8X4T]'],
    // our own tag: kept once, moved behind, never doubled
    ['Re: Error 500 [Ticket #01KB7Q3M8X4T]', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['RE: Re: Error 500 [Ticket #01KB7Q3M8X4T] [Ticket #01KB7Q3M8X4T]', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['[Ticket #01KB7Q3M8X4T] Re: Error 500', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    ['Re: [ticket #01KB7Q3M8X4T] Re: Error 500', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    // another ticket's tag is replaced by ours
    ['Re: Error 500 [Ticket #OLD9]', 'Re: Error 500 [Ticket #01KB7Q3M8X4T]'],
    // words that only look like prefixes stay
    ['Error: 500 on sign-in', 'Re: Error: 500 on sign-in [Ticket #01KB7Q3M8X4T]'],
    ['Regarding my account', 'Re: Regarding my account [Ticket #01KB7Q3M8X4T]'],
    ['Two-step verification: no code', 'Re: Two-step verification: no code [Ticket #01KB7Q3M8X4T]'],
    // nothing left → the fallback
    ['', `Re: ${FALLBACK} [Ticket #01KB7Q3M8X4T]`],
    ['Re:', `Re: ${FALLBACK} [Ticket #01KB7Q3M8X4T]`],
    ['  RE:  Fwd:  ', `Re: ${FALLBACK} [Ticket #01KB7Q3M8X4T]`],
    ['[Ticket #01KB7Q3M8X4T]', `Re: ${FALLBACK} [Ticket #01KB7Q3M8X4T]`],
    // hostile line breaks become spaces
    ['Help\r\nBcc: victim@example.com', 'Re: Help Bcc: victim@example.com [Ticket #01KB7Q3M8X4T]'],
    ['Help\u2028\u0085me\u0000', 'Re: Help me [Ticket #01KB7Q3M8X4T]'],
  ])('%j → %j', (original, expected) => {
    expect(replySubject(original, '01KB7Q3M8X4T', FALLBACK)).toBe(expected);
  });

  it('handles a missing subject and bounds a long one', () => {
    expect(replySubject(null, '01KB7Q3M8X4T', FALLBACK)).toBe(`Re: ${FALLBACK} [Ticket #01KB7Q3M8X4T]`);
    const long = replySubject(`Re: ${'ü'.repeat(1000)}`, '01KB7Q3M8X4T', FALLBACK);
    expect(Array.from(long).length).toBeLessThanOrEqual(4 + 150 + ' [Ticket #01KB7Q3M8X4T]'.length);
    expect(long).toMatch(/…\s\[Ticket #01KB7Q3M8X4T\]$/);
  });

  it('is stable: answering our own reply gives the same subject', () => {
    const first = replySubject('AW: Passwort vergessen', '01KB7Q3M8X4T', FALLBACK);
    expect(replySubject(`Re: ${first}`, '01KB7Q3M8X4T', FALLBACK)).toBe(first);
    expect(replySubject(`AW: WG: ${first}`, '01KB7Q3M8X4T', FALLBACK)).toBe(first);
  });
});

describe('ticketIdFromSubject', () => {
  it.each([
    ['Re: Error 500 [Ticket #01KB7Q3M8X4T]', '01KB7Q3M8X4T'],
    ['[ticket #01KB7Q3M8X4T] anything', '01KB7Q3M8X4T'],
    ['Re: x [ Ticket # 01KB7Q3M8X4T ]', '01KB7Q3M8X4T'],
    ['AW: [Ticket #01KB7Q3M8X4T] and [Ticket #01KB7Q3M8Y00]', '01KB7Q3M8X4T'],
    // the first tag that holds a real ticket id wins
    ['Re: [Ticket #OLD9] [Ticket #01KB7Q3M8Y00]', '01KB7Q3M8Y00'],
    ['Re: x [Ticket #]', null],
    ['Re: x [Ticket #01KB7Q3M8X4]', null],
    ['Re: x [Ticket #01KB7Q3M8X4TT]', null],
    ['Re: x [Ticket #01KB7Q3M8X4I]', null],
    ['Re: x Ticket #01KB7Q3M8X4T', null],
    ['Re: x [Ticket 01KB7Q3M8X4T]', null],
    ['', null],
    [null, null],
  ])('%j → %j', (subject, expected) => {
    expect(ticketIdFromSubject(subject)).toBe(expected);
  });
});

describe('message ids', () => {
  it('normalises ids and refuses what cannot be repeated safely in a header', () => {
    expect(normalizeMessageId('<abc@example.com>')).toBe('abc@example.com');
    expect(normalizeMessageId('  abc@example.com ')).toBe('abc@example.com');
    expect(normalizeMessageId('<CAF=x+y/z_1@mail.gmail.com>')).toBe('CAF=x+y/z_1@mail.gmail.com');
    for (const bad of ['', '<>', 'a b@c', 'a@b\r\nBcc: x@y', '<a@b> <c@d>', 'a"b@c', 'ü@example.com', 'x'.repeat(251), null, undefined]) {
      expect(normalizeMessageId(bad)).toBeNull();
    }
  });

  it('References: earlier ids, then the answered message, deduplicated and bounded keeping the root', () => {
    expect(replyReferences(['<a@x>', 'b@x', 'bad id', '<a@x>'], '<c@x>')).toEqual(['a@x', 'b@x', 'c@x']);
    expect(replyReferences(['c@x', 'a@x'], 'c@x')).toEqual(['a@x', 'c@x']);
    expect(replyReferences(null, null)).toEqual([]);
    expect(replyReferences([], 'not an id')).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => `m${i}@x`);
    const refs = replyReferences(many, 'last@x');
    expect(refs).toHaveLength(10);
    expect(refs[0]).toBe('m0@x');
    expect(refs.slice(1)).toEqual([...many.slice(-8), 'last@x']);
  });

  it('our Message-ID carries the ticket id, readable only on our domain', () => {
    const id = newMessageId('01KB7Q3M8X4T', 'kdp.example.com');
    expect(id).toMatch(/^01KB7Q3M8X4T\.[A-Za-z0-9_-]{16}@kdp\.example\.com$/);
    expect(newMessageId('01KB7Q3M8X4T', 'kdp.example.com')).not.toBe(newMessageId('01KB7Q3M8X4T', 'kdp.example.com'));
    expect(ticketIdFromMessageId(id, 'kdp.example.com')).toBe('01KB7Q3M8X4T');
    expect(ticketIdFromMessageId(`<${id}>`, 'KDP.example.com')).toBe('01KB7Q3M8X4T');
    expect(ticketIdFromMessageId(id, 'example.com')).toBeNull();
    expect(ticketIdFromMessageId('abc.def@mail.gmail.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId('nodot@kdp.example.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId('-x.y@kdp.example.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId('T1.abcdefgh@kdp.example.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId(null, 'kdp.example.com')).toBeNull();
  });
});

describe('singleLine', () => {
  it('removes every line break and control character, collapses space and bounds length', () => {
    expect(singleLine('a\r\nb\nc\rd\u2028e\u2029f\u0085g\u0000h\u007fi\u001bj\tk', 100)).toBe('a b c d e f g h i j k');
    expect(singleLine('  x \u202e y\ufeff ', 100)).toBe('x y');
    expect(singleLine('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
    expect(singleLine(42, 5)).toBe('');
  });
});
