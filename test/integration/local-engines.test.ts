/**
 * The local engines are for this machine only: DynamoDB Local, s3rver and the API listen on 127.0.0.1, so nobody on
 * the network reaches the local database, files or tokens. Also: no page the API serves may be framed.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { useLocalStack } from '../support/api.ts';

const local = useLocalStack();

/** The machine's own addresses other than loopback: where a neighbour on the network would connect. */
const networkAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && !a.internal && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

/** 'connected' or the error code of trying to open a TCP connection. */
const tryConnect = (host: string, port: number) =>
  new Promise<string>((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    const settle = (outcome: string) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.once('connect', () => settle('connected'));
    socket.once('timeout', () => settle('timeout'));
    socket.once('error', (error: NodeJS.ErrnoException) => settle(error.code ?? error.message));
  });

describe('the local stack on the network', () => {
  it.runIf(networkAddresses.length > 0)('answers on loopback only: the machine’s network addresses reach no engine', async () => {
    const { stack } = local;
    const engines = { 'DynamoDB Local': stack.dynamoEndpoint, s3rver: stack.s3Endpoint, API: stack.baseUrl };
    for (const [name, endpoint] of Object.entries(engines)) {
      const { hostname, port } = new URL(endpoint);
      expect(hostname, name).toBe('127.0.0.1');
      expect(await tryConnect('127.0.0.1', Number(port)), `${name} on loopback`).toBe('connected');
      for (const address of networkAddresses) expect(await tryConnect(address, Number(port)), `${name} on ${address}:${port}`).not.toBe('connected');
    }
  });

  it('serves no page that another site may frame', async () => {
    const page = await local.api.request('GET', '/c/no-such-code-here-0000', { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });
});
