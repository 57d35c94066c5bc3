/**
 * WCAG 2.1 colour contrast, and a heuristic for "status colours" (the red, amber and green of traffic lights).
 *
 * Contrast ratio (WCAG 2.1, 1.4.3): (L1 + 0.05) / (L2 + 0.05), L1 the lighter colour's relative luminance. Text needs
 * at least 4.5:1, large text (18 pt, or 14 pt bold) 3:1. Example: black on white is 21:1, Office yellow (FFFF00) on
 * white 1.07:1, grey 595959 on white 7.0:1.
 */

export interface Rgb {
  readonly r: number;
  readonly g: number;
  readonly b: number;
}

/** "1F4E79" or "#1F4E79" → RGB; null for "auto" and anything else. */
export function parseHex(hex: string | undefined): Rgb | null {
  if (!hex) return null;
  const m = /^#?([0-9a-fA-F]{6})$/.exec(hex.trim());
  if (!m) return null;
  const v = parseInt(m[1]!, 16);
  return { r: (v >> 16) & 255, g: (v >> 8) & 255, b: v & 255 };
}

export function toHex(c: Rgb): string {
  return [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** Word's highlight colour names (`w:highlight`) as RGB. */
export const HIGHLIGHT: Readonly<Record<string, string>> = {
  black: '000000', blue: '0000FF', cyan: '00FFFF', green: '00FF00', magenta: 'FF00FF', red: 'FF0000', yellow: 'FFFF00',
  white: 'FFFFFF', darkBlue: '000080', darkCyan: '008080', darkGreen: '008000', darkMagenta: '800080', darkRed: '800000',
  darkYellow: '808000', darkGray: '808080', lightGray: 'C0C0C0',
};

function channel(v: number): number {
  const s = v / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(c: Rgb): number {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG contrast ratio between two colours, from 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Hue (0–360), saturation and lightness (0–1). */
export function toHsl(c: Rgb): { h: number; s: number; l: number } {
  const r = c.r / 255;
  const g = c.g / 255;
  const b = c.b / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return { h: 0, s: 0, l };
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === r) h = ((g - b) / d + (g < b ? 6 : 0)) * 60;
  else if (max === g) h = ((b - r) / d + 2) * 60;
  else h = ((r - g) / d + 4) * 60;
  return { h, s, l };
}

/**
 * Whether a colour reads as a traffic-light status: a clearly saturated red, amber/yellow or green, neither near
 * white nor near black. Pale tints (table header fills) and greys are not.
 */
export function isStatusColour(c: Rgb): boolean {
  const { h, s, l } = toHsl(c);
  if (s < 0.4 || l < 0.12 || l > 0.86) return false;
  return h <= 25 || h >= 330 || (h >= 35 && h <= 70) || (h >= 75 && h <= 170);
}
