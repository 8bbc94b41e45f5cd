/** SHA-256 for the draw verifier in a browser: synchronous pure JS (WebCrypto's digest is async only). */
import { sha256 as noble } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export const sha256 = (data: string | Uint8Array): Uint8Array => noble(typeof data === 'string' ? utf8ToBytes(data) : data);
