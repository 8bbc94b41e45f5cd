/**
 * How every function is bundled, shared by the CDK stack (NodejsFunction, local esbuild, no Docker) and the
 * cold-start benchmark, so the bundle measured is the bundle deployed.
 */
import { fileURLToPath } from 'node:url';

/** The Node 24 Lambda runtime ships the whole AWS SDK v3; bundling the DynamoDB client alone would add ~330 KB. */
export const externalModules = ['@aws-sdk/*'];

/** CommonJS dependencies (qrcode) call require() for Node built-ins; ESM bundles need it defined. */
export const esmRequireBanner = "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

export const esbuildTarget = 'node24';

export const functionEntry = (handler: string) => fileURLToPath(new URL(`../functions/${handler}.ts`, import.meta.url));
