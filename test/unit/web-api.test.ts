import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, buildPath, createApi } from '../../web/src/app/api.ts';

afterEach(() => vi.unstubAllGlobals());

describe('the web app’s API client', () => {
  it('builds paths from the route table, escaping what it puts in them', () => {
    expect(buildPath('/inspections/{id}/rectifications/{submissionId}/review', { id: 'ins 1', submissionId: 'rec/2' })).toBe('/inspections/ins%201/rectifications/rec%2F2/review');
  });

  it('refuses a body the route’s schema refuses, field by field, before anything is sent', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const api = createApi('/api', () => 'token');
    const error = await api.call('submitRectification', { params: { id: 'ins_1' }, body: { note: '  ', files: [] } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toBe('invalid');
    expect((error as ApiError).details.map((d) => d.path)).toEqual(['note']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the ID token under /api, and turns a 404 into "not found"', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ error: { code: 'not_found', message: 'No inspection' } }), { status: 404 }));
    vi.stubGlobal('fetch', fetch);
    const error = await createApi('/api', () => 'id-token').call('getInspection', { params: { id: 'theirs' } }).catch((e: unknown) => e);
    expect((error as ApiError).problem).toBe('not-found');
    expect(fetch).toHaveBeenCalledWith('/api/inspections/theirs', expect.objectContaining({ method: 'GET', headers: expect.objectContaining({ authorization: 'Bearer id-token' }) }));
  });
});
