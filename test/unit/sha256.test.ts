import { describe, expect, it } from 'vitest';
import { sha256 as inBrowser } from '../../shared/draws/sha256.browser.ts';
import { sha256 as onNode } from '../../shared/draws/sha256.ts';

describe('the SHA-256 the draw verifier runs on', () => {
  it('gives the browser the same digests as node, so a draw verifies identically in both', () => {
    for (const input of ['', 'demo-street-1', '南京东路餐饮1号店', 'x'.repeat(10_000), new Uint8Array([0, 255, 7])]) {
      expect(Buffer.from(inBrowser(input)).toString('hex')).toBe(Buffer.from(onNode(input)).toString('hex'));
    }
  });
});
