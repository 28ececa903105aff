// Google sign-in: the popup/redirect resolver is the heavy part of Auth, loaded only when someone clicks.
export { browserPopupRedirectResolver, signInWithPopup } from 'firebase/auth';
