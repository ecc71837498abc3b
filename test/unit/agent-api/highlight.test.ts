import { describe, expect, it } from 'vitest';
import { highlightSegments } from '../../../web/src/highlight.ts';
import { parsePageConfig } from '../../../web/src/config.ts';

describe('highlightSegments', () => {
  it('marks every occurrence, case-insensitively, and keeps the text whole', () => {
    const text = 'I forgot my Password. The password reset mail never came.';
    const segs = highlightSegments(text, ['password', 'reset mail']);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.mark).map((s) => s.text)).toEqual(['Password', 'password', 'reset mail']);
  });

  it('merges overlapping phrases into one mark', () => {
    const segs = highlightSegments('the password reset mail', ['password reset', 'reset mail']);
    expect(segs).toEqual([
      { text: 'the ', mark: null },
      { text: 'password reset mail', mark: 'password reset' },
    ]);
  });

  it('returns the text unmarked when there is no phrase or no match', () => {
    expect(highlightSegments('hello', [])).toEqual([{ text: 'hello', mark: null }]);
    expect(highlightSegments('hello', ['  ', 'bye'])).toEqual([{ text: 'hello', mark: null }]);
    expect(highlightSegments('', ['x'])).toEqual([{ text: '', mark: null }]);
  });
});

describe('parsePageConfig', () => {
  it('accepts the local token mode and the Cognito mode', () => {
    expect(parsePageConfig({ apiBase: '/api', auth: { mode: 'token' }, refreshSeconds: 2 })).toEqual({ apiBase: '/api', auth: { mode: 'token' }, refreshSeconds: 2 });
    expect(parsePageConfig({ apiBase: 'https://x/api', auth: { mode: 'cognito', domain: 'https://d.auth.eu-west-1.amazoncognito.com/', clientId: 'abc' } })).toEqual({
      apiBase: 'https://x/api',
      refreshSeconds: 15,
      auth: { mode: 'cognito', domain: 'https://d.auth.eu-west-1.amazoncognito.com', clientId: 'abc' },
    });
  });

  it('rejects a config without auth, or Cognito without a client id', () => {
    expect(() => parsePageConfig({ apiBase: '/api' })).toThrow();
    expect(() => parsePageConfig({ apiBase: '/api', auth: { mode: 'cognito', domain: 'x' } })).toThrow();
    expect(() => parsePageConfig(null)).toThrow();
  });
});
