/**
 * Where the local OpenID provider keeps its sessions, grants, codes and refresh tokens: in memory, and written to a
 * file in the data folder when there is one, so a browser stays signed in (and renews silently) across restarts of
 * `npm start`. A handful of entries, so a whole-file rewrite per change and linear lookups are plenty.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent = until destroyed. */
  expiresAt?: number;
}

export function oidcStore(file?: string): AdapterFactory {
  const now = () => Date.now();
  const live = ([, entry]: [string, Entry]) => entry.expiresAt === undefined || entry.expiresAt > now();
  const entries = new Map<string, Entry>(file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as [string, Entry][]).filter(live) : []);
  const save = () => {
    if (file) writeFileSync(file, JSON.stringify([...entries].filter(live)), { mode: 0o600 });
  };

  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const findBy = async (field: 'uid' | 'userCode', value: string) =>
      [...entries].find((item) => item[0].startsWith(`${model}:`) && live(item) && item[1].payload[field] === value)?.[1].payload;
    return {
      upsert: async (id, payload, expiresIn) => {
        entries.set(key(id), { payload, ...(expiresIn ? { expiresAt: now() + expiresIn * 1000 } : {}) });
        save();
      },
      find: async (id) => {
        const entry = entries.get(key(id));
        return entry && live([id, entry]) ? entry.payload : undefined;
      },
      findByUid: (uid) => findBy('uid', uid),
      findByUserCode: (userCode) => findBy('userCode', userCode),
      consume: async (id) => {
        const entry = entries.get(key(id));
        if (entry) entry.payload.consumed = Math.floor(now() / 1000);
        save();
      },
      destroy: async (id) => {
        entries.delete(key(id));
        save();
      },
      revokeByGrantId: async (grantId) => {
        for (const [id, entry] of entries) if (entry.payload.grantId === grantId) entries.delete(id);
        save();
      },
    };
  };
}
