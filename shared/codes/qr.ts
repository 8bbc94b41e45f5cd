import QRCode from 'qrcode';

/**
 * Error-correction level Q (25% of the symbol recoverable), as the EU Digital COVID Certificate specified for
 * codes shown on phone screens and printed on paper: survives glare, creases and a partly covered print.
 */
const options = { errorCorrectionLevel: 'Q', margin: 4 } as const;

export interface RenderedQr {
  svg: string;
  png: Buffer;
}

export async function renderQr(url: string): Promise<RenderedQr> {
  const [svg, png] = await Promise.all([
    QRCode.toString(url, { ...options, type: 'svg' }),
    QRCode.toBuffer(url, { ...options, type: 'png', scale: 8 }),
  ]);
  return { svg, png };
}
