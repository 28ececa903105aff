// `npm run admin -- <command>`: grant plans and admin rights from a terminal. Uses the same code as the
// callables. Talks to the emulators unless GOOGLE_APPLICATION_CREDENTIALS points at a real project.
import { parseArgs } from 'node:util';
import { depsFromEnv } from '../app/deps';
import { mapEnv } from '../app/params';
import { loadTiers } from '../app/tiers-config';
import { validateGrant } from '../domain/grants';
import { grantRequestSchema } from '../shared/grant-schema';
import { describeIssues } from '../shared/validation';
import { setAdmin, setDisabled, setGrant } from '../members/member-store';
import { reconcileSubscriptions } from '../billing/reconcile';
import { setupStripePrices } from '../billing/stripe-prices';
import { rotateTokenSecret } from './rotate-token-secret';
import { refreshMaterials } from '../materials/refresh-materials';
import { archiveSentNewsletters } from '../newsletters/newsletter-archive';

const USAGE = `Usage:
  npm run admin -- grant <email> <tier> [--until YYYY-MM-DD] [--note "why"]
  npm run admin -- revoke <email>
  npm run admin -- make-admin <email>
  npm run admin -- remove-admin <email>
  npm run admin -- disable <email>      (no sign-in; tokens already issued stop working at once)
  npm run admin -- enable <email>
  npm run admin -- stripe-setup        (products, prices and the portal configuration in Stripe from config/tiers; needs STRIPE_SECRET_KEY)
  npm run admin -- reconcile           (reconcile with Stripe now: the changes since the last run, resumable)
  npm run admin -- rotate-token-secret [--keep N] [--local]
                                       (the next UNSUBSCRIBE_SECRET: a new key, the N newest old ones kept,
                                       default 1; --local writes functions/.secret.local)

  npm run admin -- refresh-materials   (body HTML and search index entries for materials saved before they existed)
  npm run admin -- archive-newsletters (the web archive of every sent issue, for issues sent before it existed)`;

async function main() {
  if (!process.env.GOOGLE_APPLICATION_CREDENTIALS) {
    process.env.GCLOUD_PROJECT ??= 'demo-commons';
    process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
    process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
  }
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      until: { type: 'string' },
      note: { type: 'string' },
      keep: { type: 'string', default: '1' },
      local: { type: 'boolean', default: false },
    },
  });
  const [command, email, tier] = positionals;
  if (command === 'rotate-token-secret') return rotateTokenSecret({ keep: Number(values.keep), local: values.local });
  // The functions' own dependency graph, from this shell's environment (billing commands talk to Stripe
  // with STRIPE_SECRET_KEY, and to the local twin when STRIPE_API_BASE says so).
  const deps = depsFromEnv(mapEnv(process.env));
  if (command === 'stripe-setup') {
    const { taxBehavior, taxCode } = deps.settings;
    const r = await setupStripePrices(deps.stripe, deps.db, { taxBehavior, taxCode });
    return `Stripe prices: created ${r.created.join(', ') || 'none'}; kept ${r.kept.join(', ') || 'none'}; portal configuration ${r.portalConfiguration}`;
  }
  if (command === 'reconcile') {
    const r = await reconcileSubscriptions(deps);
    return `Reconciled ${r.customers} customers: ${r.changed.length} changed, ${r.failed.length} failed\n${JSON.stringify(r, null, 2)}`;
  }
  if (command === 'refresh-materials') {
    const r = await refreshMaterials(deps);
    return `Refreshed ${r.materials} materials; rendered ${r.rendered} bodies`;
  }
  if (command === 'archive-newsletters') return `Archived ${await archiveSentNewsletters(deps)} sent issues`;
  if (!command || !email) throw new Error(USAGE);
  const user = await deps.auth.getUserByEmail(email.toLowerCase());

  switch (command) {
    case 'grant': {
      const parsed = grantRequestSchema.safeParse({
        email,
        tier,
        endsAt: values.until ?? null,
        note: values.note ?? '',
      });
      if (!parsed.success) throw new Error(describeIssues(parsed.error));
      const { endsAt } = validateGrant(parsed.data, await loadTiers(deps.db), deps.now());
      const result = await setGrant(deps, user.uid, {
        tier: parsed.data.tier,
        endsAt,
        grantedBy: 'admin-cli',
        note: parsed.data.note,
      });
      return `${email} now has ${result.tier}${endsAt ? ` until ${endsAt.toISOString()}` : ''}`;
    }
    case 'revoke':
      return `${email} now has ${(await setGrant(deps, user.uid, null)).tier}`;
    case 'make-admin':
    case 'remove-admin': {
      const admin = command === 'make-admin';
      await setAdmin(deps, user.uid, admin);
      return `${email} is ${admin ? 'now' : 'no longer'} an admin`;
    }
    case 'disable':
    case 'enable': {
      const disabled = command === 'disable';
      await setDisabled(deps, user.uid, disabled);
      return `${email} is ${disabled ? 'now disabled' : 'enabled again'}`;
    }
    default:
      throw new Error(USAGE);
  }
}

main().then(
  (message) => console.log(message),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
