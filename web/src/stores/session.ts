import { defineStore, skipHydrate } from 'pinia';
import { computed, ref, shallowRef, triggerRef, watch } from 'vue';
import type { User } from 'firebase/auth';
import type { AccessClaims } from '@shared/access';
import { MEMBERS } from '@shared/members';
import { accessClaims, isTokenCurrent, msUntilCurrent, needsTokenRefresh } from '@/lib/claims';
import { resendVerification } from '@/api/verification';
import { sendSignInLink as mailSignInLink } from '@/api/account-mail';
import { endsSession } from '@/lib/auth-errors';
import {
  hasSessionMarker,
  hasStoredSession,
  loadAuth,
  loadPopupSignIn,
  markStoredSession,
  type AuthSdk,
} from '@/lib/firebase';
import { useLiveDoc } from '@/composables/useLive';
import { liveDoc } from '@/composables/live-sources';
import { memberView, type StoredMember } from '@/lib/member';

export type { MemberView } from '@/lib/member';

type Stamp = { toDate(): Date; toMillis(): number };
const EMAIL_FOR_LINK = 'commons.emailForSignIn';

/**
 * Who is signed in: the Firebase user, the access claims of their ID token and their live member
 * document. Auth is loaded only when this browser holds a session or someone signs in.
 */
export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null);
  /** `tier`, `rank`, `admin` from the ID token; null when signed out. */
  const claims = ref<AccessClaims | null>(null);
  const isAdmin = computed(() => claims.value?.admin === true);
  const signedIn = computed(() => user.value !== null);
  /**
   * Whether it is known who is signed in (Auth has answered, or no session is stored). Until then a
   * page must not offer to buy what the member may already have. Not hydrated from the server, which
   * never knows; views that render on the server read it after mounting (`usePlanKnown`, stores/plan-known.ts).
   */
  const known = ref(false);
  /**
   * Set when the session ended without the member signing out (a refresh token revoked or expired, the
   * account disabled): the path they were on, to come back to after signing in again. Null otherwise.
   */
  const lost = ref<{ path: string } | null>(null);
  /** True between `signOut()` and Auth reporting it: that sign-out is the member's own. */
  let signingOut = false;

  let resolveReady: () => void = () => {};
  /** Resolves once it is known whether someone is signed in (and their claims are read). */
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const markReady = () => {
    known.value = true;
    resolveReady();
  };

  /** The session ended under the member: remember where they were, and show it (`SessionLostNotice`). */
  function sessionEnded(reason: unknown) {
    if (import.meta.env.SSR || lost.value) return;
    console.warn('The session ended:', reason);
    lost.value = { path: `${location.pathname}${location.search}${location.hash}` };
  }
  /** `members/{uid}` of whoever is signed in, live (the full SDK loads with the first member page). */
  // Keyed by uid, not by the User object: signing in sets the same user twice, and the listener stays.
  const uid = computed(() => user.value?.uid);
  const memberDoc = useLiveDoc(() => {
    const id = uid.value;
    return id
      ? liveDoc(
          (sdk, db) => sdk.doc(db, MEMBERS, id),
          (_id, data) => data as StoredMember,
        )
      : null;
  });
  // Null until a function creates it, shortly after sign-up.
  const member = computed(() =>
    memberDoc.data.value ? memberView(memberDoc.data.value, user.value?.email ?? '') : null,
  );
  watch(memberDoc.error, (err) => err && console.warn('Member document listener stopped:', err));

  async function readClaims(u: User, force = false) {
    const result = await u.getIdTokenResult(force);
    if (user.value?.uid === u.uid) claims.value = accessClaims(result.claims);
    return result;
  }

  /**
   * A new ID token that the rules accept: after a downgrade (`tokensValidAfter`) a token minted in the
   * same second still counts as old, so ask again once that second is over.
   */
  async function refreshToken(u: User, tokensValidAfter: unknown) {
    let token = await u.getIdTokenResult(true);
    for (let attempt = 0; attempt < 3 && !isTokenCurrent(Date.parse(token.issuedAtTime), tokensValidAfter); attempt++) {
      await new Promise((r) => setTimeout(r, msUntilCurrent(Number(tokensValidAfter), Date.now()) + 50));
      token = await u.getIdTokenResult(true);
    }
  }

  // When `claimsUpdatedAt` moves, fetch a fresh ID token so a new plan applies at once; a downgrade
  // (`tokensValidAfter`) makes the old token useless for gated reads, so the new one must be current.
  let lastStamp: number | undefined;
  watch(
    () => user.value?.uid,
    () => (lastStamp = undefined),
  );
  watch(memberDoc.data, async (data) => {
    const u = user.value;
    if (!data || !u) return;
    const stamp = (data.claimsUpdatedAt as Stamp | undefined)?.toMillis?.();
    const issuedAt = Date.parse((await u.getIdTokenResult()).issuedAtTime);
    const refresh = needsTokenRefresh(lastStamp, stamp, issuedAt) || !isTokenCurrent(issuedAt, data.tokensValidAfter);
    lastStamp = stamp;
    if (refresh) {
      try {
        await refreshToken(u, data.tokensValidAfter);
        await readClaims(u);
      } catch (err) {
        // A network failure is retried by the SDK; a revoked or disabled session is told to the member.
        if (endsSession(err)) sessionEnded(err);
        else console.warn('Could not refresh the ID token:', err);
      }
    }
  });

  /**
   * Whether the address is verified by now (the link may have been opened in another tab): when it
   * is, the server catches the member document and claims up, and the app takes the new token.
   */
  async function checkEmailVerified(): Promise<boolean> {
    const u = user.value;
    if (!u) return false;
    await u.reload();
    if (!u.emailVerified) return false;
    await resendVerification();
    await readClaims(u, true);
    return true;
  }

  let started: Promise<AuthSdk> | undefined;
  /** Loads Auth and follows the signed-in user. */
  function startAuth(): Promise<AuthSdk> {
    started ??= loadAuth().then((sdk) => {
      sdk.onAuthStateChanged(sdk.auth, async (u) => {
        // Signed out, but not by the member: the SDK drops a user whose refresh failed for good (also
        // while this page was closed: the browser still held our session marker).
        if (!u && !signingOut && (user.value || (!known.value && heldSession))) sessionEnded('signed out by Auth');
        if (u) lost.value = null;
        signingOut = false;
        user.value = u;
        markStoredSession(u !== null);
        if (u) {
          try {
            await readClaims(u);
          } catch (err) {
            console.warn('Could not read the ID token claims:', err);
            if (endsSession(err)) sessionEnded(err);
            claims.value = {};
          }
        } else {
          claims.value = null;
        }
        markReady();
      });
      return sdk;
    });
    return started;
  }

  /** This browser was signed in when it last knew (our marker, not Firebase's own storage). */
  const heldSession = !import.meta.env.SSR && hasSessionMarker();
  // A visitor without a stored session is known to be signed out without downloading Auth.
  // On the server (public pages) nobody is signed in.
  if (!import.meta.env.SSR && hasStoredSession()) void startAuth().catch(() => markReady());
  else markReady();

  /** After a sign-in call: user and claims are in place before the caller navigates (guards read them). */
  async function adopt(u: User) {
    lost.value = null;
    user.value = u;
    markStoredSession(true);
    await readClaims(u);
  }

  async function signIn(email: string, password: string) {
    const sdk = await startAuth();
    await adopt((await sdk.signInWithEmailAndPassword(sdk.auth, email, password)).user);
  }

  async function createAccount(email: string, password: string) {
    const sdk = await startAuth();
    await adopt((await sdk.createUserWithEmailAndPassword(sdk.auth, email, password)).user);
  }

  /**
   * Passwordless: our `sendSignInLink` callable mails a link (through the outbox) to /sign-in/finish,
   * which lands on `next`. Answers the same whether or not the address is a member's.
   */
  async function sendSignInLink(email: string, next?: string): Promise<string> {
    const { message } = await mailSignInLink(email, next);
    localStorage.setItem(EMAIL_FOR_LINK, email);
    return message;
  }

  /**
   * Completes a passwordless sign-in from the link's URL, whose `email` parameter names the address
   * (else the one remembered on this device). Returns false when the email is needed: call again with it.
   */
  async function finishSignInLink(url: string, email?: string): Promise<boolean> {
    const sdk = await startAuth();
    if (!sdk.isSignInWithEmailLink(sdk.auth, url))
      throw Object.assign(new Error('This sign-in link is invalid.'), { code: 'auth/invalid-action-code' });
    const fromLink = new URL(url).searchParams.get('email');
    const address = email || fromLink || localStorage.getItem(EMAIL_FOR_LINK);
    if (!address) return false;
    await adopt((await sdk.signInWithEmailLink(sdk.auth, address, url)).user);
    localStorage.removeItem(EMAIL_FOR_LINK);
    return true;
  }

  async function signInWithGoogle() {
    const [sdk, popup] = await Promise.all([startAuth(), loadPopupSignIn()]);
    await adopt(
      (await popup.signInWithPopup(sdk.auth, new sdk.GoogleAuthProvider(), popup.browserPopupRedirectResolver)).user,
    );
  }

  /**
   * Completes "Forgot password" from the mailed link's `oobCode`: sets the new password, then signs in
   * with it. `verifyResetCode` tells the page which address the link is for before asking.
   */
  async function verifyResetCode(code: string): Promise<string> {
    const sdk = await startAuth();
    return sdk.verifyPasswordResetCode(sdk.auth, code);
  }

  async function resetPassword(code: string, password: string) {
    const sdk = await startAuth();
    const email = await sdk.verifyPasswordResetCode(sdk.auth, code);
    await sdk.confirmPasswordReset(sdk.auth, code, password);
    await signIn(email, password);
  }

  /** Proves it is still the member (a fresh sign-in time) before a sensitive change. */
  async function reauthenticate(password: string) {
    const sdk = await startAuth();
    const u = user.value;
    if (!u?.email) throw Object.assign(new Error('Sign in first.'), { code: 'auth/requires-recent-login' });
    await sdk.reauthenticateWithCredential(u, sdk.EmailAuthProvider.credential(u.email, password));
    await readClaims(u, true);
  }

  async function changePassword(current: string, next: string) {
    const sdk = await startAuth();
    await reauthenticate(current);
    await sdk.updatePassword(user.value!, next);
  }

  /** Whether this account signs in with a password (only those change it or their address here). */
  const hasPassword = computed(() => user.value?.providerData.some((p) => p.providerId === 'password') ?? false);

  /**
   * After a confirmed change of address: the account is read again, and when its address moved the
   * server catches the member document up (`resendVerification` → `recordEmailVerified`).
   */
  async function syncEmail(): Promise<boolean> {
    const u = user.value;
    if (!u) return false;
    await u.reload();
    if (!u.email || u.email === member.value?.email || !u.emailVerified) return false;
    await resendVerification();
    await readClaims(u, true);
    triggerRef(user); // the same User object with a new address: let the views see it
    return true;
  }

  /** Dismisses the "session ended" notice without signing in again. */
  function forgetLostSession() {
    lost.value = null;
  }

  async function signOut() {
    signingOut = true;
    lost.value = null;
    const sdk = await startAuth();
    await sdk.signOut(sdk.auth);
    user.value = null;
    claims.value = null;
    markStoredSession(false);
  }

  /** A current ID token, for our HTTP functions (uploads). */
  async function idToken(): Promise<string> {
    if (!user.value) throw new Error('Sign in first.');
    return user.value.getIdToken();
  }

  return {
    user,
    claims,
    member,
    isAdmin,
    signedIn,
    ready,
    known: skipHydrate(known),
    lost: skipHydrate(lost),
    hasPassword,
    verifyResetCode,
    resetPassword,
    reauthenticate,
    changePassword,
    syncEmail,
    forgetLostSession,
    signIn,
    createAccount,
    sendSignInLink,
    finishSignInLink,
    signInWithGoogle,
    signOut,
    idToken,
    checkEmailVerified,
  };
});
