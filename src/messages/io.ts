import type { Catalogue } from './catalogue.js';

export const ioMessages: Catalogue = {
};
