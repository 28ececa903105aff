// The member's own writes to `members/{uid}`: only the fields the rules let a member change.
import { MEMBERS, type EmailPrefs } from '@shared/members';
import { fullFirestore } from '@/composables/live-sources';
import { callFunction } from '@/lib/firebase';

/** Display name (trimmed, at most 80 characters) and email preferences. */
export async function updateProfile(uid: string, profile: { name: string; emailPrefs: EmailPrefs }): Promise<void> {
  // The full SDK is loaded already for the live member document, so writes stay out of the catalog's bundle.
  const [{ doc, updateDoc }, db] = await fullFirestore();
  await updateDoc(doc(db, MEMBERS, uid), { name: profile.name.trim().slice(0, 80), emailPrefs: profile.emailPrefs });
}

/** The member's secret calendar feed URL as it is now. */
export const getCalendarFeed = async (): Promise<string> => (await callFunction('getCalendarFeed', {})).url;

/** A new feed URL; calendars subscribed to the old one stop receiving events. */
export const rotateCalendarFeed = async (): Promise<string> => (await callFunction('rotateCalendarFeed', {})).url;

/** Deletes the signed-in member's account; `email` is the typed confirmation (the account's address). */
export const deleteMyAccount = async (email: string) => (await callFunction('deleteMyAccount', { email })).state;
