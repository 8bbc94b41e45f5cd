import { afterAll, beforeAll } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.ts';

/** Starts the whole local stack (DynamoDB Local, s3rver, handlers behind HTTP) for one test file. */
export function useLocalStack(options: Omit<LocalStackOptions, 'port'> = {}): { readonly stack: LocalStack; readonly api: ApiClient } {
  let stack: LocalStack | undefined;
  let api: ApiClient | undefined;
  beforeAll(async () => {
    stack = await startLocalStack({ ...options, port: 0 });
    api = new ApiClient(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return {
    get stack() {
      return stack!;
    },
    get api() {
      return api!;
    },
  };
}

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export type Caller = Omit<Principal, 'subject'> & { subject?: string };

export class ApiClient {
  private readonly tokens = new Map<string, Promise<string>>();

  constructor(private readonly stack: LocalStack) {}

  token(caller: Caller): Promise<string> {
    const claims = { subject: caller.subject ?? `${caller.role}-${caller.entityId ?? caller.inspectorId ?? caller.department ?? 'x'}`, ...caller };
    const key = JSON.stringify(claims);
    if (!this.tokens.has(key)) this.tokens.set(key, this.stack.token(claims));
    return this.tokens.get(key)!;
  }

  async request<T = any>(
    method: string,
    path: string,
    options: { as?: Caller; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = `Bearer ${await this.token(options.as)}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined && method !== 'GET') {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.stack.baseUrl + path, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // HTML pages stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }
}

export const supervisor: Caller = { role: 'supervisor', subject: 'sup-1' };
export const inspectorCaller = (inspectorId: string): Caller => ({ role: 'inspector', inspectorId });
export const companyCaller = (entityId: string): Caller => ({ role: 'company', entityId });
