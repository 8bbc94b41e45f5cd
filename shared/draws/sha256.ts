/**
 * SHA-256 for the draw algorithm on node: the native hash, fast enough for pools of millions. The browser build
 * resolves `#sha256` to sha256.browser.ts instead (package.json "imports", condition "browser"), so the same
 * verifier runs in both.
 */
import { hash } from 'node:crypto';

export const sha256 = (data: string | Uint8Array): Uint8Array => hash('sha256', data, 'buffer');
