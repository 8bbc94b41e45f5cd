/**
 * Stands in for @aws-sdk/credential-provider-node inside Lambda bundles. Lambda hands a function its role's
 * credentials in environment variables; the default chain's SSO, INI, IMDS and STS providers (~90 KB minified,
 * a third of a function's load time) are never used there.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
