/**
 * How every function is bundled, shared by the CDK stack (NodejsFunction, local esbuild, no Docker) and the
 * cold-start benchmark, so the bundle measured is the bundle deployed.
 *
 * The AWS SDK is bundled (pinned to the version the tests ran against, and one file loads faster than the
 * runtime's hundreds), with its credential chain replaced by the environment provider Lambda actually uses.
 */
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

export const credentialChainAlias = {
  '@aws-sdk/credential-provider-node': fileURLToPath(new URL('./lambda-credentials.ts', import.meta.url)),
};

/**
 * Left out of every bundle: the SDK loads its event-stream codec with a dynamic import only for operations that
 * stream events (S3 Select, Bedrock, ...), none of which any function calls; bundled, it is ~20 KB of the public
 * scan's 300 KB budget.
 */
export const externalModules = ['@smithy/core/event-streams'];

/** CommonJS dependencies (qrcode, parts of the SDK) call require() for Node built-ins; ESM bundles need it defined. */
export const esmRequireBanner = "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

export const esbuildTarget = 'node24';

/** Chinese text as UTF-8 (3 bytes a character) rather than esbuild's default `\uXXXX` escapes (6): the scan page's messages are both languages. */
export const esbuildCharset = 'utf8' as const;

export const functionEntry = (handler: string) => fileURLToPath(new URL(`../functions/${handler}.ts`, import.meta.url));

/** The same bundle as esbuild options, for building outside CDK (the cold-start bench, the bundle test). */
export const lambdaBuildOptions = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: esbuildTarget,
  charset: esbuildCharset,
  mainFields: ['module', 'main'],
  alias: credentialChainAlias,
  external: externalModules,
  banner: { js: esmRequireBanner },
  logLevel: 'error',
} satisfies BuildOptions;
