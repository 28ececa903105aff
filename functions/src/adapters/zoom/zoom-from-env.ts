import type { Env } from '../../app/params';
import type { ZoomApi } from './zoom-api';
import { zoomClient } from './zoom-client';

/** The Zoom adapter from settings, or null when Zoom is not configured (or the secret was not declared). */
export function zoomFromEnv(env: Env): ZoomApi | null {
  const [accountId, clientId, clientSecret] = [
    env('ZOOM_ACCOUNT_ID'),
    env('ZOOM_CLIENT_ID'),
    env('ZOOM_CLIENT_SECRET'),
  ];
  if (!accountId || !clientId || !clientSecret) return null;
  return zoomClient({
    accountId,
    clientId,
    clientSecret,
    apiBase: env('ZOOM_API_BASE'),
    oauthBase: env('ZOOM_OAUTH_BASE'),
    waitingRoom: env('ZOOM_WAITING_ROOM') !== 'false',
    passcode: env('ZOOM_PASSCODE') === 'none' ? 'none' : 'random',
  });
}
