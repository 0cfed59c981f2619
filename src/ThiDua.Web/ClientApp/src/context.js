import { createContext } from 'react';

/** The designer catalog (activities, roles, selectors…) and, per node, the outcomes its edges use. */
export const CatalogContext = createContext({ catalog: { byType: {}, outcomeLabels: {} }, usedOutcomes: {} });
