/// <reference types="vite/client" />
import 'vue-router';
import type { ServerData } from '@/router/server-data';

declare module 'vue-router' {
  interface RouteMeta {
    /** Signed-in members only; others go to /sign-in?redirect=… */
    requiresAuth?: boolean;
    /** Admins only (the `admin` claim); the rules refuse everyone else too. */
    requiresAdmin?: boolean;
    /** Document title (" · Commons" is appended). */
    title?: string;
    /** A public page rendered on the server from this data (see docs/architecture.md, "Public pages"). */
    serverData?: ServerData;
  }
}

declare global {
  interface ImportMetaEnv {
    readonly VITE_FIREBASE_API_KEY?: string;
    readonly VITE_FIREBASE_AUTH_DOMAIN?: string;
    readonly VITE_FIREBASE_PROJECT_ID?: string;
    readonly VITE_FIREBASE_APP_ID?: string;
    /** 'false' to talk to production Firebase; anything else uses the local emulators. */
    readonly VITE_USE_EMULATORS?: string;
    readonly VITE_EMULATOR_HOST?: string;
    /** The reCAPTCHA Enterprise site key App Check uses in production (README, Deploying). */
    readonly VITE_APPCHECK_SITE_KEY?: string;
    /** Against the emulators: an App Check debug token registered in the console (else the SDK makes one). */
    readonly VITE_APPCHECK_DEBUG_TOKEN?: string;
  }
}
