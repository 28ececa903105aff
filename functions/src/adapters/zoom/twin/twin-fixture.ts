import { createZoomTwin, type ZoomTwinOptions } from './zoom-twin';

/** A fresh in-process Zoom twin on a free port, with the credentials the tests' clients use. */
export const TWIN_CREDENTIALS = { accountId: 'acct-test', clientId: 'client-test', clientSecret: 'secret-test' };

export const startTestTwin = (extra: Partial<ZoomTwinOptions> = {}) =>
  createZoomTwin({
    ...TWIN_CREDENTIALS,
    port: 0,
    webhookUrl: 'http://127.0.0.1:9/unused',
    webhookSecret: 'whsec-test',
    retryDelaysMs: [],
    ...extra,
  });
