// The Luma port: publishing the community's public events to its Luma calendar and reading their guests.
// Real: luma-client.ts (Luma's public API, x-luma-api-key); twin: ./twin (same wire format).

export interface LumaEventInput {
  name: string;
  descriptionMd: string;
  start: Date;
  end: Date;
  /** IANA zone. */
  timeZone: string;
  /** A public place (in-person events), or null. */
  address: string | null;
}

export interface LumaEventRef {
  eventId: string;
  /** The event's page on Luma. */
  url: string;
}

/** A guest as Commons uses it (Luma's `entries[]` of the guest list). */
export interface LumaGuest {
  id: string;
  email: string;
  name: string;
  /** approved, pending_approval, waitlist, invited, declined, … */
  approvalStatus: string;
}

export interface LumaApi {
  createEvent(input: LumaEventInput): Promise<LumaEventRef>;
  updateEvent(eventId: string, input: LumaEventInput): Promise<void>;
  /** Cancels the event on Luma (guests are told by Luma); an event Luma no longer has counts as done. */
  cancelEvent(eventId: string): Promise<void>;
  /** Every guest of the event, all pages. */
  listGuests(eventId: string): Promise<LumaGuest[]>;
}
