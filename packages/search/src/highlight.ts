/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);
}

const htmlEntities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Plain-text length of a snippet, not counting the ellipses added around a cut. */
export const snippetLength = 240;
const ellipsis = '…';

/** A run of plain text, marked when it is a matched word. */
export interface Segment {
  text: string;
  marked: boolean;
}

/** Renders segments as HTML: every piece escaped, matched ones wrapped in <mark>. */
export function renderSegments(segments: readonly Segment[]): string {
  let html = '';
  for (const { text, marked } of segments) {
    if (!text) continue;
    html += marked ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text);
  }
  return html;
}

/** Sorted, non-overlapping [start, end) ranges. */
export type Ranges = Array<[number, number]>;

export function mergeRanges(ranges: Ranges): Ranges {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Ranges = [];
  for (const [start, end] of sorted) {
    const prev = out[out.length - 1];
    if (prev && start <= prev[1]) prev[1] = Math.max(prev[1], end);
    else out.push([start, end]);
  }
  return out;
}

function segmentsOf(text: string, ranges: Ranges, from: number, to: number): Segment[] {
  const out: Segment[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) out.push({ text: text.slice(at, s), marked: false });
    out.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < to) out.push({ text: text.slice(at, to), marked: false });
  return out;
}

/** The whole text, escaped, with the given ranges marked. */
export function highlightAll(text: string, ranges: Ranges): string {
  return renderSegments(segmentsOf(text, mergeRanges(ranges), 0, text.length));
}

const space = /\s/;
/** Words longer than this may be cut by a snippet's edge rather than dropped whole. */
const longWord = 30;

/** The first word start at or after `at` (but not past `limit`). */
function forwardToWord(text: string, at: number, limit: number): number {
  if (at <= 0 || space.test(text[at - 1] ?? ' ')) return at;
  let i = at;
  while (i < limit && !space.test(text[i] ?? ' ')) i += 1;
  while (i < limit && space.test(text[i] ?? ' ')) i += 1;
  return i - at > longWord ? at : i;
}

/** Where to end a cut at `at` without splitting a word (but not before `floor`). */
function backToWordEnd(text: string, at: number, floor: number): number {
  if (at >= text.length || space.test(text[at] ?? ' ')) return at;
  let i = at;
  while (i > floor && !space.test(text[i - 1] ?? ' ')) i -= 1;
  return at - i > longWord || i <= floor ? at : i;
}

/** Moves a cut off the low half of a UTF-16 surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
}

/**
 * A window of at most `length` characters of `text` around its best match — the window holding
 * the most matched words, the earliest one on ties — escaped and marked, with ellipses where
 * the text was cut. Without matches it is the start of the text.
 */
export function snippet(text: string, ranges: Ranges, length = snippetLength): string {
  const merged = mergeRanges(ranges);
  const textStart = text.length - text.trimStart().length;
  const textEnd = text.trimEnd().length;
  if (textEnd - textStart <= length) return renderSegments(segmentsOf(text, merged, textStart, textEnd));

  let windowStart = textStart;
  let firstMatch = textEnd;
  let bestCount = 0;
  for (let i = 0; i < merged.length; i += 1) {
    const start = merged[i]![0];
    // Leave some context before the first matched word of the window.
    const candidate = Math.max(textStart, start - Math.floor(length / 4));
    let count = 0;
    for (let j = i; j < merged.length && merged[j]![1] <= candidate + length; j += 1) count += 1;
    if (count > bestCount) {
      bestCount = count;
      windowStart = candidate;
      firstMatch = start;
    }
  }
  // Near the end of the text, use the full length by starting earlier.
  windowStart = Math.max(textStart, Math.min(windowStart, textEnd - length));
  let from = safeCut(text, forwardToWord(text, windowStart, Math.min(firstMatch, textEnd)));
  let to = Math.min(textEnd, from + length);
  if (to < textEnd) to = backToWordEnd(text, to, from);
  to = safeCut(text, to);
  if (from < textStart) from = textStart;

  const segments = segmentsOf(text, merged, from, to);
  const first = segments[0];
  if (first && !first.marked) first.text = first.text.trimStart();
  const last = segments[segments.length - 1];
  if (last && !last.marked) last.text = last.text.trimEnd();
  return (from > textStart ? ellipsis : '') + renderSegments(segments) + (to < textEnd ? ellipsis : '');
}

/**
 * Private-use characters asked of Meilisearch around matches: it highlights raw text, so its
 * output is escaped first and the sentinels become <mark> tags after.
 */
export const markStart = '\uE000';
export const markEnd = '\uE001';

/** Segments of a text highlighted with the sentinels. */
export function segmentsFromSentinels(text: string): Segment[] {
  const out: Segment[] = [];
  let marked = false;
  let current = '';
  for (const c of text) {
    if (c === markStart || c === markEnd) {
      if (current) out.push({ text: current, marked });
      current = '';
      marked = c === markStart;
    } else {
      current += c;
    }
  }
  if (current) out.push({ text: current, marked });
  return out;
}

/** Removes the sentinels from text we send to Meilisearch, so a document can't forge a mark. */
export function stripSentinels(text: string): string {
  return text.replace(/[\uE000\uE001]/g, '');
}

/** Caps the plain-text length of segments (keeping whole words when possible). */
export function capSegments(segments: Segment[], max: number): Segment[] {
  const out: Segment[] = [];
  let used = 0;
  for (const seg of segments) {
    if (used + seg.text.length <= max) {
      out.push(seg);
      used += seg.text.length;
      continue;
    }
    const room = max - used;
    if (room > 0 && !seg.marked) {
      let cut = seg.text.slice(0, safeCut(seg.text, room));
      const lastSpace = cut.search(/\s\S*$/);
      if (lastSpace > 0) cut = cut.slice(0, lastSpace);
      out.push({ text: cut.trimEnd(), marked: false });
    }
    out.push({ text: ellipsis, marked: false });
    break;
  }
  return out;
}
