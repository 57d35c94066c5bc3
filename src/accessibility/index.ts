export { checkAccessibility, type Finding } from './check-accessibility.js';
export { contrastRatio, relativeLuminance, parseHex, isStatusColour } from './contrast.js';
