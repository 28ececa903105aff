import { doc, setDoc } from 'firebase/firestore';
import { describe } from 'vitest';
import { documentOperations, rulesSuite, whoCan } from './readers';

// Slack and Telegram announcements: admins follow them; only functions write.
const env = rulesSuite(async (ctx) => {
  await setDoc(doc(ctx.firestore(), 'announcements/material_x'), { title: 'X', pending: false });
});

describe('announcements/material_x', () => {
  whoCan(env, documentOperations('announcements/material_x', { get: ['admin'], list: ['admin'] }));
});
