// The member's own writes to `members/{uid}`: only the fields the rules let a member change.
import { MEMBERS, type EmailPrefs } from '@shared/members';
import { fullFirestore } from '@/composables/live-sources';

/** Display name (trimmed, at most 80 characters) and email preferences. */
export async function updateProfile(uid: string, profile: { name: string; emailPrefs: EmailPrefs }): Promise<void> {
  // The full SDK is loaded already for the live member document, so writes stay out of the catalog's bundle.
  const [{ doc, updateDoc }, db] = await fullFirestore();
  await updateDoc(doc(db, MEMBERS, uid), { name: profile.name.trim().slice(0, 80), emailPrefs: profile.emailPrefs });
}
