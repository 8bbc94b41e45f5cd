/** Reading a request body and writing a reply on node:http, for the local server and its OpenID provider. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { HttpError } from '../shared/http/responses.ts';
import type { WebReply } from './web-files.ts';

/** Lambda's synchronous payload limit; API Gateway refuses larger bodies too. */
const maxBodyBytes = 6 * 1024 * 1024;

export function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new HttpError(413, 'payload_too_large', `Bodies are limited to ${maxBodyBytes} bytes.`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function send(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | WebReply, headOnly = false) {
  if ('status' in result) {
    response.writeHead(result.status, result.headers);
    response.end(headOnly ? undefined : result.body);
    return;
  }
  const body = result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(headOnly ? undefined : body);
}

