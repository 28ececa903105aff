/** The catcher's in-memory stand-in for Slack's SCIM v1 Users endpoint (only what `SlackScim` calls). */

export interface CatcherScimUser {
  schemas: string[];
  id: string;
  userName: string;
  active: boolean;
  emails: Array<{ value: string; primary: boolean }>;
}

export interface ScimAnswer {
  status: number;
  body?: unknown;
}

const SCHEMA = 'urn:scim:schemas:core:1.0';

/** Slack's SCIM error shape. */
function scimError(status: number, description: string): ScimAnswer {
  return { status, body: { Errors: { description, code: status } } };
}

export class ScimDirectory {
  private readonly users: CatcherScimUser[] = [];
  private nextId = 1;

  add(email: string, active = true): CatcherScimUser {
    const existing = this.byEmail(email);
    if (existing) return existing;
    const user: CatcherScimUser = {
      schemas: [SCHEMA],
      id: `U${String(this.nextId++).padStart(8, '0')}`,
      userName: email.split('@')[0] ?? email,
      active,
      emails: [{ value: email, primary: true }],
    };
    this.users.push(user);
    return user;
  }

  list(): CatcherScimUser[] {
    return this.users.map((u) => structuredClone(u));
  }

  clear(): void {
    this.users.length = 0;
  }

  /** `/scim/v1/Users` and `/scim/v1/Users/{id}`; `rest` is the path after `/scim/v1/Users`. */
  handle(method: string, rest: string, query: URLSearchParams, body: unknown): ScimAnswer {
    if (rest === '' || rest === '/') {
      if (method !== 'GET') return scimError(405, 'method_not_supported');
      const matched = this.filter(query.get('filter'));
      if (!matched) return scimError(400, 'invalid_filter: only email eq "..." and userName eq "..."');
      return {
        status: 200,
        body: {
          schemas: [SCHEMA],
          totalResults: matched.length,
          itemsPerPage: matched.length,
          startIndex: 1,
          Resources: matched,
        },
      };
    }
    const user = this.users.find((u) => `/${encodeURIComponent(u.id)}` === rest);
    if (!user) return scimError(404, 'user_not_found');
    switch (method) {
      case 'GET':
        return { status: 200, body: user };
      case 'DELETE':
        // Slack deactivates rather than deletes: the account and its messages stay.
        user.active = false;
        return { status: 204 };
      case 'PATCH': {
        if (!body || typeof body !== 'object') return scimError(400, 'invalid_payload');
        const active = (body as { active?: unknown }).active;
        if (active !== undefined && typeof active !== 'boolean') return scimError(400, 'invalid_active');
        if (active !== undefined) user.active = active;
        return { status: 200, body: user };
      }
      default:
        return scimError(405, 'method_not_supported');
    }
  }

  private byEmail(email: string): CatcherScimUser | undefined {
    const wanted = email.toLowerCase();
    return this.users.find((u) => u.emails.some((e) => e.value.toLowerCase() === wanted));
  }

  /** Matching users, or undefined for a filter the catcher does not understand. */
  private filter(filter: string | null): CatcherScimUser[] | undefined {
    if (!filter) return [...this.users];
    const m = /^\s*(email|userName)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter);
    if (!m) return undefined;
    const attribute = (m[1] ?? '').toLowerCase();
    const value = (m[2] ?? '').replace(/\\(.)/g, '$1').toLowerCase();
    // SCIM compares emails and userName case-insensitively (RFC 7643, caseExact false).
    return this.users.filter((u) =>
      attribute === 'email'
        ? u.emails.some((e) => e.value.toLowerCase() === value)
        : u.userName.toLowerCase() === value,
    );
  }
}
