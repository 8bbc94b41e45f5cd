import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/**
 * Error-correction level Q (25% of the symbol recoverable), as the EU Digital COVID Certificate specified for
 * codes shown on phone screens and printed on paper: survives glare, creases and a partly covered print.
 */
const options = { errorCorrectionLevel: 'Q', margin: 4 } as const;
/** Pixels per module of the PNG: ~330 px for a scan URL, sharp on a phone and on a label printer. */
const pngScale = 8;

export interface RenderedQr {
  svg: string;
  png: Buffer;
}

export async function renderQr(url: string): Promise<RenderedQr> {
  const svg = await QRCode.toString(url, { ...options, type: 'svg' });
  return { svg, png: qrPng(url) };
}

function chunk(type: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(data.length, 0);
  header.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(header.subarray(4))), 0);
  return Buffer.concat([header, data, crc]);
}

/**
 * The QR symbol as a 1-bit grayscale PNG. qrcode's own PNG path paints RGBA pixels and lets pngjs try five
 * filters per row, ~11 ms a code at this scale; one bit per pixel and zlib take a fraction of that, and the file
 * is smaller. The symbol itself (the matrix) is still qrcode's.
 */
export function qrPng(url: string): Buffer {
  const { modules } = QRCode.create(url, options);
  const quiet = options.margin;
  const side = (modules.size + 2 * quiet) * pngScale;
  const rowBytes = Math.ceil(side / 8);
  // Each row: filter byte 0, then pixels, 1 = white. Start all white and clear the dark modules.
  const raw = Buffer.alloc((rowBytes + 1) * side, 0xff);
  for (let y = 0; y < side; y++) raw[y * (rowBytes + 1)] = 0;
  for (let row = 0; row < modules.size; row++) {
    for (let col = 0; col < modules.size; col++) {
      if (!modules.get(row, col)) continue;
      for (let dy = 0; dy < pngScale; dy++) {
        const line = ((row + quiet) * pngScale + dy) * (rowBytes + 1) + 1;
        for (let dx = 0; dx < pngScale; dx++) {
          const x = (col + quiet) * pngScale + dx;
          raw[line + (x >> 3)]! &= ~(0x80 >> (x & 7));
        }
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1 bit per pixel, grayscale, deflate, standard filtering (every row "None"), no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
