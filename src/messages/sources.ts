import type { Catalogue } from './catalogue.js';

export const sourcesMessages: Catalogue = {
};
