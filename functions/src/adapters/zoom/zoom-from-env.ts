import type { ZoomApi } from './zoom-api';
import { zoomClient } from './zoom-client';

export interface ZoomEnv {
  ZOOM_ACCOUNT_ID: string;
  ZOOM_CLIENT_ID: string;
  ZOOM_CLIENT_SECRET: string;
  ZOOM_API_BASE: string;
  ZOOM_OAUTH_BASE: string;
  ZOOM_WAITING_ROOM: string;
  ZOOM_PASSCODE: string;
}

/** The Zoom adapter from settings, or null when Zoom is not configured (or the secret was not declared). */
export function zoomFromEnv(env: ZoomEnv): ZoomApi | null {
  if (!env.ZOOM_ACCOUNT_ID || !env.ZOOM_CLIENT_ID || !env.ZOOM_CLIENT_SECRET) return null;
  return zoomClient({
    accountId: env.ZOOM_ACCOUNT_ID,
    clientId: env.ZOOM_CLIENT_ID,
    clientSecret: env.ZOOM_CLIENT_SECRET,
    apiBase: env.ZOOM_API_BASE,
    oauthBase: env.ZOOM_OAUTH_BASE,
    waitingRoom: env.ZOOM_WAITING_ROOM !== 'false',
    passcode: env.ZOOM_PASSCODE === 'none' ? 'none' : 'random',
  });
}
