/**
 * Text from a user's file or a client, made safe to put in a message. Scripts can hold anything
 * (a byte-order mark, NUL and other control bytes from a binary file pasted by mistake): echoed raw
 * they corrupt terminals, CI logs and editor hovers. Control characters (C0, DEL, C1), the BOM, line
 * and paragraph separators and bidirectional controls are written as `\xNN` / `\u{…}`; everything
 * else, emoji included, is shown as it is.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Longest text a message echoes; longer input is cut with `…` (a 1 MB line makes no message readable). */
const MAX_SHOWN = 200;

export function shownText(text: string): string {
  const cut = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return cut.replace(UNSAFE, c => {
    const n = c.charCodeAt(0);
    if (n === 9) return '\\t';
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u{${n.toString(16)}}`;
  });
}
