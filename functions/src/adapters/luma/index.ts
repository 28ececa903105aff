import type { LumaApi } from './luma-api';
import { LumaClient } from './luma-client';

export type { LumaApi, LumaEventInput, LumaEventRef, LumaGuest } from './luma-api';
export { LumaClient };

/** Luma when LUMA_API_KEY is set (not empty or "none"), else null: the Luma mirror and guest import are skipped. */
export function lumaFromEnv(env: { LUMA_API_KEY: string; LUMA_API_BASE: string }): LumaApi | null {
  const key = env.LUMA_API_KEY.trim();
  if (!key || key === 'none') return null;
  return new LumaClient(key, env.LUMA_API_BASE.trim() || undefined);
}
