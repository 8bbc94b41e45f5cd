/**
 * Text as people type it, reduced to what they meant. Chinese input methods send full-width digits and letters
 * ("１２３", "ＡＢＣ") and ideographic spaces (U+3000); copied text brings zero-width characters, byte-order marks
 * and bidirectional overrides (U+202E turns "gpj.exe" into what reads as "exe.jpg"). None of them is what the
 * person meant to store, and a name made only of them is no name at all.
 *
 * Two readings, because NFKC is only safe for some text:
 * - {@link humanText} (names, items, notes): full-width *letters and digits* become ASCII, every kind of space one
 *   space, invisible characters go. Full-width punctuation stays — "（分店）" is how Chinese names are registered —
 *   and so do ², ①, ㎡, ½, which NFKC would flatten into a different meaning ("m²" → "m2").
 * - {@link codeText} (phone numbers, credit codes, dates, certificate and business numbers): full NFKC, because these
 *   are ASCII by definition and "＋８６ １３８－…" can only mean "+86 138-…".
 */

/** Zero-width joiners carry meaning only between two visible characters (emoji sequences, Indic and Persian script). */
const joiners = '\u200C\u200D';
const visible = '\\p{L}\\p{M}\\p{N}\\p{S}\\p{P}';
/** Format characters (zero-width spaces, bidi embeddings, overrides and isolates, BOM, soft hyphen), controls, lone surrogates. */
const invisibleExceptJoiners = new RegExp(`(?![${joiners}])[\\p{Cf}\\p{Cs}]|[^\\P{Cc}\\n\\t]`, 'gu');
const strayJoiners = new RegExp(`(?<![${visible}])[${joiners}]+|[${joiners}]+(?![${visible}])`, 'gu');
const fullWidthAlphanumeric = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/gu;
/** Letters and symbols that draw nothing (Hangul fillers, the blank Braille pattern): the usual "invisible name". */
const blankLetters = /[\u115F\u1160\u3164\uFFA0\u2800]/gu;

/**
 * A human text as meant: NFC, full-width letters and digits as ASCII, invisible characters removed, spaces of every
 * width (U+3000, no-break, tabs) as one space, trimmed. Line breaks are kept (as `\n`) only when `multiline`.
 * An empty result means nothing visible was typed.
 */
export function humanText(typed: string, { multiline = false }: { multiline?: boolean } = {}): string {
  const text = typed
    .normalize('NFC')
    .replace(fullWidthAlphanumeric, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\r\n?/g, '\n')
    .replace(invisibleExceptJoiners, '')
    .replace(blankLetters, '')
    .replace(strayJoiners, '');
  const spaced = multiline ? text.replace(/[^\S\n]+/g, ' ').replace(/ *\n */g, '\n') : text.replace(/\s+/g, ' ');
  // Combining marks and variation selectors with no character before them to mark draw nothing either.
  return spaced.trim().replace(/^\p{M}+/u, '').trim();
}

/** A code-like value (digits and ASCII letters by definition) as meant: NFKC, invisible characters removed, trimmed. */
export const codeText = (typed: string): string => typed.normalize('NFKC').replace(/[\p{Cf}\p{Cc}\p{Cs}]/gu, '').trim();
