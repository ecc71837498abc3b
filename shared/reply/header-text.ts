// Characters that must never reach a header or a one-line field from a customer-supplied value:
// C0/C1 controls (CR and LF above all: they end a header and start an attacker's own), Unicode
// line/paragraph separators and NEL, and the bidi overrides/isolates used to disguise text.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]+/g;

/**
 * A customer-supplied value made safe for one line: unsafe characters become spaces, runs of
 * whitespace collapse, the ends are trimmed and the result is cut to `maxLength` code points
 * (with an ellipsis), never inside a surrogate pair.
 */
export function singleLine(value: unknown, maxLength: number): string {
  const text = (typeof value === 'string' ? value : '').replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(text);
  if (chars.length <= maxLength) return text;
  return `${chars.slice(0, Math.max(0, maxLength - 1)).join('').trimEnd()}…`;
}
