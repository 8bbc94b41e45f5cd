/** QR rendering per core (SVG and PNG), and issuing codes end to end into local DynamoDB and S3. */
import QRCode from 'qrcode';
import { qrPng, renderQr } from '../shared/codes/qr.ts';
import { startLocalStack } from '../local/stack.ts';
import { assertInvariants, round } from './measure.ts';
import { issueAll, planInspections } from './seed.ts';

const url = (i: number) => `https://scan.example.gov.cn/c/${i.toString(36).padStart(22, 'x')}`;

async function rate(count: number, task: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 50; i++) await task(-i - 1);
  const started = performance.now();
  for (let i = 0; i < count; i++) await task(i);
  return count / ((performance.now() - started) / 1000);
}

export async function benchQr(log: (line: string) => void) {
  log('qr: rendering 2,000 SVG and 2,000 PNG on one core ...');
  const options = { errorCorrectionLevel: 'Q', margin: 4 } as const;
  const matrixOnly = await rate(2_000, async (i) => QRCode.create(url(i), options));
  const svg = await rate(2_000, (i) => QRCode.toString(url(i), { ...options, type: 'svg' }));
  const qrcodePng = await rate(300, (i) => QRCode.toBuffer(url(i), { ...options, type: 'png', scale: 8 }));
  const png = await rate(2_000, async (i) => qrPng(url(i)));
  const both = await rate(2_000, (i) => renderQr(url(i)));

  const stack = await startLocalStack({ port: 0 });
  try {
    const count = 500;
    log(`qr: issuing ${count} codes end to end (DynamoDB Local + s3rver, 8 in flight) ...`);
    const ids = await planInspections(stack.drawServices, count);
    const started = performance.now();
    const codes = await issueAll(stack.services, ids, stack.baseUrl, 8);
    const perSecond = count / ((performance.now() - started) / 1000);
    const stored = await Promise.all(ids.map((id) => stack.services.store.getInspection(id)));
    const distinctCodes = new Set(codes).size;
    const inspectionsPointingAtTheirCode = stored.filter((s, i) => s?.code === codes[i]).length;
    assertInvariants('qr', { inspectionsPlanned: [new Set(ids).size, count], issuedCodes: [codes.length, count], distinctCodes: [distinctCodes, count], inspectionsPointingAtTheirCode: [inspectionsPointingAtTheirCode, count] });
    return {
      matrixOnlyPerSecond: round(matrixOnly, 0),
      svgPerSecond: round(svg, 0),
      svgRatioToMatrixOnly: round(svg / matrixOnly),
      pngPerSecond: round(png, 0),
      qrcodeLibraryPngPerSecond: round(qrcodePng, 0),
      pngRatioToQrcodeLibrary: round(png / qrcodePng),
      svgAndPngPerSecond: round(both, 0),
      issuedEndToEndPerSecond: round(perSecond, 0),
      issuedCodes: codes.length,
      distinctCodes,
      inspectionsPointingAtTheirCode,
      target: '≥ 1,500 SVG/s/core; no loss, no duplicate',
    };
  } finally {
    await stack.stop();
  }
}
