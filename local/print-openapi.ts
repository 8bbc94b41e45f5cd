/** `npm run openapi`: the local stack's OpenAPI document (the deployed one omits /dev/tokens). */
import { openApiDocument } from '../shared/api/openapi.ts';

console.log(JSON.stringify(openApiDocument({ includeLocalOnly: true, serverUrl: `http://127.0.0.1:${process.env.PORT ?? 3000}` }), null, 2));
