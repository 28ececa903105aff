import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { DEFAULT_TIERS } from '../../functions/src/shared/defaults';
import { archiveDocs } from '../../functions/src/shared/newsletter-archive';
import { documentOperations, rulesSuite, whoCan } from './readers';

// The newsletter archive: a sent issue's public teaser and its sections, each gated by its plan's rank. Only
// functions write it (archiveSentNewsletter); the documents are what `archiveDocs` builds.
const { teaser, sections } = archiveDocs(
  {
    subject: 'March notes',
    preview: 'What we shipped',
    audience: 'everyone',
    sections: [
      { access: 'public', markdown: 'Hello' },
      { access: 'basic', markdown: 'Basic part' },
      { access: 'main', markdown: 'Main part' },
      { access: 'premium', markdown: 'Premium part' },
    ],
  },
  DEFAULT_TIERS,
  new Date(Date.UTC(2027, 0, 1)),
  (md) => `<p>${md}</p>`,
);

const env = rulesSuite(async (ctx) => {
  const db = ctx.firestore();
  await setDoc(doc(db, 'config/tiers'), DEFAULT_TIERS);
  await setDoc(doc(db, 'newsletterArchive/i1'), teaser);
  for (const [id, section] of Object.entries(sections))
    await setDoc(doc(db, `newsletterArchive/i1/sections/${id}`), section);
});

const EVERYONE = ['anonymous', 'free', 'basic', 'main', 'premium', 'admin'] as const;

describe('newsletterArchive/i1 (the public teaser)', () => {
  whoCan(env, documentOperations('newsletterArchive/i1', { get: EVERYONE, list: EVERYONE }));
});

describe('newsletterArchive/i1/sections/s00 (public)', () => {
  whoCan(env, documentOperations('newsletterArchive/i1/sections/s00', { get: EVERYONE, list: ['admin'] }));
});

describe('newsletterArchive/i1/sections/s01 (basic)', () => {
  whoCan(
    env,
    documentOperations('newsletterArchive/i1/sections/s01', {
      get: ['basic', 'main', 'premium', 'admin'],
      list: ['admin'],
    }),
  );
});

describe('newsletterArchive/i1/sections/s02 (main)', () => {
  whoCan(
    env,
    documentOperations('newsletterArchive/i1/sections/s02', { get: ['main', 'premium', 'admin'], list: ['admin'] }),
  );
});

describe('newsletterArchive/i1/sections/s03 (premium)', () => {
  whoCan(env, documentOperations('newsletterArchive/i1/sections/s03', { get: ['premium', 'admin'], list: ['admin'] }));
});
