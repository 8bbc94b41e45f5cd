import { describe, expect, it } from 'vitest';
import { codeText, humanText } from '../../shared/text.ts';

describe('text as people type it', () => {
  it('turns full-width letters and digits from Chinese input methods into ASCII', () => {
    expect(humanText('ＡＢＣ便利店１２３号')).toBe('ABC便利店123号');
  });

  it('keeps full-width punctuation, as Chinese names are registered with it', () => {
    expect(humanText('示例便利店（徐汇店）')).toBe('示例便利店（徐汇店）');
  });

  it('keeps what NFKC would change the meaning of: superscripts, circled numbers, units, fractions', () => {
    expect(humanText('面积100㎡，m² ① ½')).toBe('面积100㎡，m² ① ½');
  });

  it('reads ideographic, no-break and repeated spaces as one space, and trims them', () => {
    expect(humanText('\u3000示例\u3000\u3000面馆\u00a0 ')).toBe('示例 面馆');
  });

  it('removes zero-width characters, byte-order marks and bidi controls', () => {
    expect(humanText('\ufeff示\u200b例\u2060\u202e面馆\u202c\u2066\u2069')).toBe('示例面馆');
    expect(humanText('invoice\u202egpj.exe')).toBe('invoicegpj.exe');
  });

  it('leaves nothing of a text made only of invisible characters', () => {
    expect(humanText('\u200b\u200c\u200d\u2060\ufeff\u202e\u3000')).toBe('');
  });

  it.each([
    ['Hangul fillers', '\u3164\u115F\u1160\uFFA0'],
    ['the blank Braille pattern', '\u2800\u2800'],
    ['marks with nothing to mark', '\uFE0F\u0301\u20DD'],
  ])('leaves nothing of a name made of %s', (_, typed) => {
    expect(humanText(typed)).toBe('');
  });

  it('keeps marks on a character: accents, the emoji variation selector', () => {
    expect(humanText('Cafe\u0301 ❤\uFE0F')).toBe('Café ❤\uFE0F');
  });

  it('keeps a zero-width joiner inside an emoji sequence', () => {
    expect(humanText('👩\u200d🍳')).toBe('👩\u200d🍳');
  });

  it('keeps line breaks only in multi-line text', () => {
    expect(humanText('第一步\r\n 第二步\t\n', { multiline: true })).toBe('第一步\n第二步');
    expect(humanText('第一步\r\n第二步')).toBe('第一步 第二步');
  });

  it('reads a code-like value by full NFKC: full-width signs and dashes too', () => {
    expect(codeText('＋８６\u3000１３８－０００\u200b')).toBe('+86 138-000');
    expect(codeText('\u202e９１３１０１１５ＭＡ１Ｋ３ＸＹ０８Ｙ')).toBe('91310115MA1K3XY08Y');
  });
});
