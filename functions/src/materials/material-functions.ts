import { onDocumentWritten } from 'firebase-functions/v2/firestore';
import { deps } from '../app/deps';
import { BODY, GATED, MATERIALS } from '../shared/materials';
import { renderStoredBody } from './body-html';
import { indexMaterial } from './search-index';

/** Every save of a body renders its markdown to sanitized HTML once, so pages ship no renderer. */
export const renderMaterialBody = onDocumentWritten(
  { document: `${MATERIALS}/{id}/${GATED}/${BODY}`, retry: true, memory: '512MiB' },
  async (event) => {
    await renderStoredBody(deps(), event.params.id);
  },
);

/** Every save or delete of a teaser updates its search index entry. */
export const indexMaterialSearch = onDocumentWritten({ document: `${MATERIALS}/{id}`, retry: true }, async (event) => {
  await indexMaterial(deps(), event.params.id);
});
