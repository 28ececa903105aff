// Firebase Auth, loaded only when a session exists or a visitor starts signing in (see loadAuth).
import { browserLocalPersistence, connectAuthEmulator, initializeAuth } from 'firebase/auth';
import { app, emulatorHost, useEmulators } from './firebase';

export {
  createUserWithEmailAndPassword,
  GoogleAuthProvider,
  isSignInWithEmailLink,
  onAuthStateChanged,
  sendSignInLinkToEmail,
  signInWithEmailAndPassword,
  signInWithEmailLink,
  signOut,
  type User,
} from 'firebase/auth';

// localStorage persistence: hasStoredSession() relies on it to know a visitor without loading Auth.
export const auth = initializeAuth(app, { persistence: browserLocalPersistence });
if (useEmulators) connectAuthEmulator(auth, `http://${emulatorHost}:9099`, { disableWarnings: true });
