// A tenant's branding (logo and three colours) applied as CSS custom
// properties. Tenants choose any colours, so every colour used for text or
// behind text is checked for contrast (WCAG 2.1 AA, 4.5:1) and darkened or
// paired with black or white text as needed.

export interface BrandColors {
  primary: string;
  secondary: string;
  tertiary: string;
}

export const defaultColors: BrandColors = { primary: '#F2B705', secondary: '#1F4E9C', tertiary: '#111111' };

type RGB = [number, number, number];

function parse(hex: string): RGB | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const n = parseInt(m[1] as string, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: RGB): string {
  return '#' + [r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
}

function luminance([r, g, b]: RGB): number {
  const lin = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return 1;
  const [l1, l2] = [luminance(x), luminance(y)].sort((p, q) => q - p) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

/** Black or white, whichever reads better on bg. */
export function textOn(bg: string): string {
  return contrast(bg, '#ffffff') >= contrast(bg, '#111111') ? '#ffffff' : '#111111';
}

/** Darken c until it reaches ratio against white (for links, buttons, headings). */
export function inkOnWhite(c: string, ratio = 4.5): string {
  let rgb = parse(c) ?? (parse(defaultColors.secondary) as RGB);
  for (let i = 0; i < 40 && contrast(toHex(rgb), '#ffffff') < ratio; i++) {
    rgb = rgb.map((v) => v * 0.9) as RGB;
  }
  return toHex(rgb);
}

/** The colour for interactive elements: the first brand colour readable on white, else the primary darkened. */
export function accentOf(c: BrandColors): string {
  for (const v of [c.primary, c.secondary, c.tertiary]) {
    if (parse(v) && contrast(v, '#ffffff') >= 4.5) return v.toLowerCase();
  }
  return inkOnWhite(c.primary);
}

export function applyBranding(c: BrandColors | null): void {
  const colors = c ?? defaultColors;
  const root = document.documentElement.style;
  const accent = accentOf(colors);
  root.setProperty('--color-primary', colors.primary);
  root.setProperty('--color-on-primary', textOn(colors.primary));
  root.setProperty('--color-secondary', colors.secondary);
  root.setProperty('--color-tertiary', colors.tertiary);
  root.setProperty('--color-on-tertiary', textOn(colors.tertiary));
  root.setProperty('--color-accent', accent);
  root.setProperty('--color-accent-dark', inkOnWhite(accent, 7));
  root.setProperty('--color-on-accent', textOn(accent));
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', colors.tertiary);
}
