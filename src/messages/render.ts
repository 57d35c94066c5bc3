import type { Catalogue } from './catalogue.js';

export const renderMessages: Catalogue = {
};
