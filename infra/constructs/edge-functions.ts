/**
 * The two CloudFront Functions (viewer request, cloudfront-js-2.0) in front of the site, as source text so the
 * tests can run exactly what is deployed. Plain ES5-style code: CloudFront's runtime is not Node.
 */

/** `/api/inspections/x` → `/inspections/x`: the HTTP API's routes have no prefix (the web contract's one origin). */
export const stripApiPrefix = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.replace(/^\\/api(?=\\/)/, '');
  return request;
}`;

/**
 * SPA fallback: a path whose last segment has no dot (`/app/inspections/42`, `/draws`) is one of the app's routes and
 * gets `/index.html`; files (`/assets/index-3f2a.js`, `/config.json`) pass unchanged. Done here rather than with the
 * distribution's error responses, which would apply to every origin and turn the API's 403s and 404s into index.html.
 */
export const spaFallback = `function handler(event) {
  var request = event.request;
  var last = request.uri.slice(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;
