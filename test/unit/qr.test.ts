import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPng, renderQr } from '../../shared/codes/qr.ts';
import { decodeQrPng } from '../support/qr.ts';

const url = 'https://scan.example.gov.cn/c/LD01HF0ViWqqZCpyMZUgcA';

describe('QR rendering', () => {
  it('writes a valid PNG (checked by pngjs, CRCs included) that a QR reader decodes to the URL', () => {
    const png = qrPng(url);
    const image = PNG.sync.read(png);
    expect(image.width).toBe(image.height);
    expect(image.width).toBeGreaterThanOrEqual(250);
    expect(decodeQrPng(png)).toBe(url);
  });

  /** Paints a block on the right edge white, as a torn or stained label would lose it. */
  const damaged = (bytes: Buffer) => {
    const png = PNG.sync.read(bytes);
    const side = png.width;
    for (let y = Math.floor(side * 0.38); y < Math.floor(side * 0.64); y++) {
      for (let x = Math.floor(side * 0.58); x < Math.floor(side * 0.9); x++) png.data.fill(255, (y * side + x) * 4, (y * side + x) * 4 + 3);
    }
    return PNG.sync.write(png);
  };

  it('uses error-correction level Q: a damaged label still reads where a level-M code would not', async () => {
    expect(decodeQrPng(damaged(qrPng(url)))).toBe(url);
    const levelM = await QRCode.toBuffer(url, { errorCorrectionLevel: 'M', margin: 4, scale: 8, type: 'png' });
    expect(decodeQrPng(damaged(levelM))).toBeUndefined();
  });

  it('renders an SVG of the same symbol', async () => {
    const { svg } = await renderQr(url);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('viewBox');
  });
});
