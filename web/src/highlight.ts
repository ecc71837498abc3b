/**
 * Splits a text into plain and highlighted segments for the evidence phrases the classifier
 * quoted (case-insensitive; overlapping phrases merge). Pure, so it is unit-tested.
 */
export interface Segment {
  text: string;
  /** The evidence phrase this segment matched, if it is highlighted. */
  mark: string | null;
}

export function highlightSegments(text: string, phrases: readonly string[]): Segment[] {
  const lower = text.toLowerCase();
  const ranges: Array<[number, number, string]> = [];
  for (const phrase of new Set(phrases.map((p) => p.trim()).filter((p) => p.length > 0))) {
    const needle = phrase.toLowerCase();
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + needle.length)) {
      ranges.push([at, at + needle.length, phrase]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number, string]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  const out: Segment[] = [];
  let pos = 0;
  for (const [start, end, phrase] of merged) {
    if (start > pos) out.push({ text: text.slice(pos, start), mark: null });
    out.push({ text: text.slice(start, end), mark: phrase });
    pos = end;
  }
  if (pos < text.length || out.length === 0) out.push({ text: text.slice(pos), mark: null });
  return out;
}
