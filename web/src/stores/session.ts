import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { User } from 'firebase/auth';
import type { AccessClaims } from '@shared/access';
import type { EmailPrefs } from '@shared/members';
import { MEMBERS } from '@shared/members';
import { hasStoredSession, liveFirestore, loadAuth } from '@/lib/firebase';

/** The member document as the app uses it (timestamps as Dates). */
export interface MemberView {
  email: string;
  name: string;
  tier: string;
  admin: boolean;
  grant: { tier: string; endsAt: Date | null; note: string } | null;
  emailPrefs: EmailPrefs;
}

type Stamp = { toMillis(): number } | null | undefined;
const EMAIL_FOR_LINK = 'commons.emailForSignIn';

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null);
  const claims = ref<AccessClaims | null>(null);
  const member = ref<MemberView | null>(null);
  const isAdmin = computed(() => claims.value?.admin === true);
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let stopMember: (() => void) | undefined;
  let refreshedFor = 0;

  async function readClaims(u: User, force = false) {
    const result = await u.getIdTokenResult(force);
    claims.value = { ...result.claims };
    return result;
  }

  /**
   * Functions stamp `claimsUpdatedAt` after changing claims. When the stamp is newer than our token,
   * fetch a fresh token: a grant or downgrade applies within seconds, with no reload.
   */
  async function watchMember(u: User) {
    const [{ doc, onSnapshot }, live] = await Promise.all([import('firebase/firestore'), liveFirestore()]);
    if (user.value?.uid !== u.uid) return;
    stopMember = onSnapshot(
      doc(live, MEMBERS, u.uid),
      async (snap) => {
        const data = snap.data();
        if (!data) return;
        const grant = data.grant as { tier: string; endsAt: { toDate(): Date } | null; note?: string } | null;
        member.value = {
          email: data.email ?? u.email ?? '',
          name: data.name ?? '',
          tier: data.tier ?? 'free',
          admin: data.admin === true,
          grant: grant ? { tier: grant.tier, endsAt: grant.endsAt ? grant.endsAt.toDate() : null, note: grant.note ?? '' } : null,
          emailPrefs: { newsletter: data.emailPrefs?.newsletter !== false, events: data.emailPrefs?.events !== false },
        };
        const stamp = (data.claimsUpdatedAt as Stamp)?.toMillis() ?? 0;
        const token = await u.getIdTokenResult();
        const issuedAt = Date.parse(token.issuedAtTime);
        if (stamp > issuedAt && stamp !== refreshedFor) {
          refreshedFor = stamp;
          await readClaims(u, true);
        }
      },
      (err) => console.warn('member listener stopped', err),
    );
  }

  let started: Promise<Awaited<ReturnType<typeof loadAuth>>> | undefined;
  /** Loads Auth and follows the signed-in user; called at once when a session exists, else on demand. */
  function startAuth() {
    started ??= loadAuth().then((sdk) => {
      sdk.onAuthStateChanged(sdk.auth, async (u) => {
        stopMember?.();
        stopMember = undefined;
        member.value = null;
        user.value = u;
        if (u) {
          await readClaims(u);
          void watchMember(u);
        } else {
          claims.value = null;
        }
        markReady();
      });
      return sdk;
    });
    return started;
  }
  // A visitor with no stored session is known to be signed out without downloading Auth.
  if (hasStoredSession()) void startAuth();
  else markReady();

  /** After a sign-in call: user and claims are in place before the caller navigates (guards read them). */
  async function adopt(u: User) {
    user.value = u;
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

  async function sendLink(email: string) {
    const sdk = await startAuth();
    await sdk.sendSignInLinkToEmail(sdk.auth, email, { url: `${location.origin}/sign-in/finish`, handleCodeInApp: true });
    localStorage.setItem(EMAIL_FOR_LINK, email);
  }

  /** Completes a passwordless sign-in; `email` is asked for when opened on another device. */
  async function finishLink(url: string, email?: string) {
    const sdk = await startAuth();
    if (!sdk.isSignInWithEmailLink(sdk.auth, url)) throw new Error('This sign-in link is invalid or has already been used.');
    const address = email ?? localStorage.getItem(EMAIL_FOR_LINK);
    if (!address) return false;
    await adopt((await sdk.signInWithEmailLink(sdk.auth, address, url)).user);
    localStorage.removeItem(EMAIL_FOR_LINK);
    return true;
  }

  /** The popup resolver is the heavy part of Google sign-in: it loads only when used. */
  async function signInWithGoogle() {
    const [sdk, popup] = await Promise.all([startAuth(), import('./google-sign-in')]);
    await adopt((await popup.signInWithPopup(sdk.auth, new sdk.GoogleAuthProvider(), popup.browserPopupRedirectResolver)).user);
  }

  async function signOut() {
    const sdk = await startAuth();
    await sdk.signOut(sdk.auth);
  }

  /** Fresh ID token for calls to our HTTP functions. */
  async function idToken() {
    if (!user.value) throw new Error('Sign in first');
    return user.value.getIdToken();
  }

  return { user, claims, member, isAdmin, ready, signIn, createAccount, sendLink, finishLink, signInWithGoogle, signOut, idToken };
});
