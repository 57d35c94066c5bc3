import type { Catalogue } from './catalogue.js';

export const personnelMessages: Catalogue = {
};
