import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { User } from 'firebase/auth';
import type { AccessClaims } from '@shared/access';
import { MEMBERS } from '@shared/members';
import { accessClaims, isTokenCurrent, msUntilCurrent, needsTokenRefresh } from '@/lib/claims';
import { resendVerification } from '@/api/verification';
import { hasStoredSession, loadAuth, loadPopupSignIn, markStoredSession, type AuthSdk } from '@/lib/firebase';
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

  let markReady: () => void = () => {};
  /** Resolves once it is known whether someone is signed in (and their claims are read). */
  const ready = new Promise<void>((resolve) => (markReady = resolve));
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
      await refreshToken(u, data.tokensValidAfter);
      await readClaims(u);
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
        user.value = u;
        markStoredSession(u !== null);
        if (u) {
          try {
            await readClaims(u);
          } catch (err) {
            console.warn('Could not read the ID token claims:', err);
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

  // A visitor without a stored session is known to be signed out without downloading Auth.
  // On the server (public pages) nobody is signed in.
  if (!import.meta.env.SSR && hasStoredSession()) void startAuth().catch(() => markReady());
  else markReady();

  /** After a sign-in call: user and claims are in place before the caller navigates (guards read them). */
  async function adopt(u: User) {
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

  /** Passwordless: emails a link to /sign-in/finish; the address is remembered for the finish page. */
  async function sendSignInLink(email: string) {
    const sdk = await startAuth();
    await sdk.sendSignInLinkToEmail(sdk.auth, email, {
      url: `${location.origin}/sign-in/finish`,
      handleCodeInApp: true,
    });
    localStorage.setItem(EMAIL_FOR_LINK, email);
  }

  /**
   * Completes a passwordless sign-in from the link's URL. Returns false when the email is needed (the
   * link was opened on another device): call again with it.
   */
  async function finishSignInLink(url: string, email?: string): Promise<boolean> {
    const sdk = await startAuth();
    if (!sdk.isSignInWithEmailLink(sdk.auth, url))
      throw Object.assign(new Error('This sign-in link is invalid.'), { code: 'auth/invalid-action-code' });
    const address = email || localStorage.getItem(EMAIL_FOR_LINK);
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

  async function signOut() {
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
