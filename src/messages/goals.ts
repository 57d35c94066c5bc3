import type { Catalogue } from './catalogue.js';

export const goalsMessages: Catalogue = {
};
