// A deliberately narrow address check for the mail we send: one bare `local@domain`, nothing a
// header parser could read as a second recipient, a group, a comment or a display name. The
// local part is dot-atom (RFC 5322 atext, no quoted strings); the domain is a host name with at
// least two labels (letters of any script allowed; the composer punycodes them).

const ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_RE = new RegExp(`^${ATEXT}(?:\\.${ATEXT})*$`);
const LABEL_RE = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** A host name: two or more labels, no numeric-only top level label, at most 253 characters. */
export function isDomain(value: string): boolean {
  if (value.length === 0 || value.length > 253) return false;
  const labels = value.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL_RE.test(label))) return false;
  return !/^\d+$/.test(labels[labels.length - 1] as string);
}

/**
 * The address trimmed, with its domain lower-cased, when `value` is exactly one syntactically
 * valid address; otherwise null. Angle brackets, display names, lists, whitespace inside and
 * any control character make it invalid — the caller passes the address alone.
 */
export function parseSingleAddress(value: unknown): string | null {
  // Surrounding spaces are forgiven; a control character anywhere (CR/LF above all) is not.
  if (typeof value !== 'string' || /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return null;
  const address = value.trim();
  if (address.length === 0 || address.length > 254) return null;
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL_RE.test(local) || !isDomain(domain)) return null;
  return `${local}@${domain}`;
}
