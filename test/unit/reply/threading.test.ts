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
    ['Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re: Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['RE: Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['re:Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re: Re: Re: Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re[2]: Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re(3): Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re^2: Cannot sign in', 'Re: Cannot sign in [Ticket #T1]'],
    ['Re : Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #T1]'],
    ['AW: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #T1]'],
    ['Antwort: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #T1]'],
    ['WG: AW: Anmeldung geht nicht', 'Re: Anmeldung geht nicht [Ticket #T1]'],
    ['SV: Kan ikke logge inn', 'Re: Kan ikke logge inn [Ticket #T1]'],
    ['VS: Kan ikke logge inn', 'Re: Kan ikke logge inn [Ticket #T1]'],
    ['Antw: Kan niet inloggen', 'Re: Kan niet inloggen [Ticket #T1]'],
    ['Doorst: Kan niet inloggen', 'Re: Kan niet inloggen [Ticket #T1]'],
    ['Réf: Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #T1]'],
    ['RÉF : Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #T1]'],
    ['TR: Impossible de me connecter', 'Re: Impossible de me connecter [Ticket #T1]'],
    ['R: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #T1]'],
    ['RIF: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #T1]'],
    ['I: Non riesco ad accedere', 'Re: Non riesco ad accedere [Ticket #T1]'],
    ['RES: Não consigo entrar', 'Re: Não consigo entrar [Ticket #T1]'],
    ['ENC: Não consigo entrar', 'Re: Não consigo entrar [Ticket #T1]'],
    ['RV: No puedo iniciar sesión', 'Re: No puedo iniciar sesión [Ticket #T1]'],
    ['Fwd: Error 500', 'Re: Error 500 [Ticket #T1]'],
    ['FW: Error 500', 'Re: Error 500 [Ticket #T1]'],
    ['Fwd: Re: AW: RE: Error 500', 'Re: Error 500 [Ticket #T1]'],
    ['Re：サインインできません', 'Re: サインインできません [Ticket #T1]'],
    ['回复: 无法登录', 'Re: 无法登录 [Ticket #T1]'],
    // our own tag: kept once, moved behind, never doubled
    ['Re: Error 500 [Ticket #T1]', 'Re: Error 500 [Ticket #T1]'],
    ['RE: Re: Error 500 [Ticket #T1] [Ticket #T1]', 'Re: Error 500 [Ticket #T1]'],
    ['[Ticket #T1] Re: Error 500', 'Re: Error 500 [Ticket #T1]'],
    ['Re: [ticket #T1] Re: Error 500', 'Re: Error 500 [Ticket #T1]'],
    // another ticket's tag is replaced by ours
    ['Re: Error 500 [Ticket #OLD9]', 'Re: Error 500 [Ticket #T1]'],
    // words that only look like prefixes stay
    ['Error: 500 on sign-in', 'Re: Error: 500 on sign-in [Ticket #T1]'],
    ['Regarding my account', 'Re: Regarding my account [Ticket #T1]'],
    ['Two-step verification: no code', 'Re: Two-step verification: no code [Ticket #T1]'],
    // nothing left → the fallback
    ['', `Re: ${FALLBACK} [Ticket #T1]`],
    ['Re:', `Re: ${FALLBACK} [Ticket #T1]`],
    ['  RE:  Fwd:  ', `Re: ${FALLBACK} [Ticket #T1]`],
    ['[Ticket #T1]', `Re: ${FALLBACK} [Ticket #T1]`],
    // hostile line breaks become spaces
    ['Help\r\nBcc: victim@example.com', 'Re: Help Bcc: victim@example.com [Ticket #T1]'],
    ['Help\u2028\u0085me\u0000', 'Re: Help me [Ticket #T1]'],
  ])('%j → %j', (original, expected) => {
    expect(replySubject(original, 'T1', FALLBACK)).toBe(expected);
  });

  it('handles a missing subject and bounds a long one', () => {
    expect(replySubject(null, 'T1', FALLBACK)).toBe(`Re: ${FALLBACK} [Ticket #T1]`);
    const long = replySubject(`Re: ${'ü'.repeat(1000)}`, 'T1', FALLBACK);
    expect(Array.from(long).length).toBeLessThanOrEqual(4 + 150 + ' [Ticket #T1]'.length);
    expect(long).toMatch(/…\s\[Ticket #T1\]$/);
  });

  it('is stable: answering our own reply gives the same subject', () => {
    const first = replySubject('AW: Passwort vergessen', 'T1', FALLBACK);
    expect(replySubject(`Re: ${first}`, 'T1', FALLBACK)).toBe(first);
    expect(replySubject(`AW: WG: ${first}`, 'T1', FALLBACK)).toBe(first);
  });
});

describe('ticketIdFromSubject', () => {
  it.each([
    ['Re: Error 500 [Ticket #T1]', 'T1'],
    ['[ticket #01HXYZ-abc_9] anything', '01HXYZ-abc_9'],
    ['Re: x [ Ticket # AB12 ]', 'AB12'],
    ['AW: [Ticket #A1] and [Ticket #B2]', 'A1'],
    ['Re: x [Ticket #]', null],
    ['Re: x [Ticket #-bad]', null],
    ['Re: x Ticket #T1', null],
    ['Re: x [Ticket T1]', null],
    [`[Ticket #${'a'.repeat(65)}]`, null],
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
    const id = newMessageId('T01HXYZ', 'kdp.example.com');
    expect(id).toMatch(/^T01HXYZ\.[A-Za-z0-9_-]{16}@kdp\.example\.com$/);
    expect(newMessageId('T1', 'kdp.example.com')).not.toBe(newMessageId('T1', 'kdp.example.com'));
    expect(ticketIdFromMessageId(id, 'kdp.example.com')).toBe('T01HXYZ');
    expect(ticketIdFromMessageId(`<${id}>`, 'KDP.example.com')).toBe('T01HXYZ');
    expect(ticketIdFromMessageId(id, 'example.com')).toBeNull();
    expect(ticketIdFromMessageId('abc.def@mail.gmail.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId('nodot@kdp.example.com', 'kdp.example.com')).toBeNull();
    expect(ticketIdFromMessageId('-x.y@kdp.example.com', 'kdp.example.com')).toBeNull();
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
