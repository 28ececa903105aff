// The kinds and statuses of a material, on their own so that materials.ts (the catalog) and
// material-schema.ts (the editor's zod schema) both use them without importing each other.
export const MATERIAL_KINDS = ['article', 'tutorial', 'example', 'download', 'recording', 'link'] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];
export const MATERIAL_STATUSES = ['draft', 'published'] as const;
export type MaterialStatus = (typeof MATERIAL_STATUSES)[number];
