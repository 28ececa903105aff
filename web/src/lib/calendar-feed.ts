// The member's calendar feed on the account page: the subscription links calendar apps understand.

/** The feed as a `webcal://` link, which calendar apps (Apple Calendar, Outlook) open as a subscription. */
export function webcalUrl(feedUrl: string): string {
  return feedUrl.replace(/^https?:\/\//i, 'webcal://');
}

/** Google Calendar's "add by URL" link for a feed (`/calendar/r?cid=webcal://…`). */
export function googleSubscribeUrl(feedUrl: string): string {
  return `https://calendar.google.com/calendar/r?cid=${encodeURIComponent(webcalUrl(feedUrl))}`;
}
