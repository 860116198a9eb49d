import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Page } from 'playwright-core';

/** What drawing a text's characters in its element's own font showed. */
export interface GlyphCheck {
  font: string;
  characters: string[];
  /** Characters drawn as nothing at all. */
  blank: string[];
  /** Groups of different characters drawn as the same picture: a missing glyph's box draws them all alike. */
  alike: string[][];
}

/**
 * Draws each distinct CJK character of the element's text (up to `limit`) on a canvas in the
 * element's computed font, and compares the pixels. With a font that has them, different characters
 * make different pictures; without one, each is the same missing-glyph box (tofu), so they come out
 * alike — a check that fails when fonts-noto-cjk is not installed.
 */
export function checkCjkGlyphs(page: Page, selector: string, limit = 16): Promise<GlyphCheck> {
  return page
    .locator(selector)
    .first()
    .evaluate((element, max) => {
      const { document, getComputedStyle } = globalThis as any;
      const style = getComputedStyle(element);
      const font = `${style.fontStyle} ${style.fontWeight} 32px ${style.fontFamily}`;
      const characters = [
        ...new Set<string>(
          Array.from(String(element.textContent)).filter((c: string) => /[\u3400-\u9fff\uf900-\ufaff]/.test(c)),
        ),
      ].slice(0, max as number);
      const canvas = document.createElement('canvas');
      canvas.width = 48;
      canvas.height = 48;
      const context = canvas.getContext('2d', { willReadFrequently: true });
      context.font = font;
      context.textBaseline = 'top';
      const pictures = new Map<string, string[]>();
      const blank: string[] = [];
      for (const character of characters) {
        context.clearRect(0, 0, 48, 48);
        context.fillStyle = '#000';
        context.fillText(character, 4, 4);
        const data: Uint8ClampedArray = context.getImageData(0, 0, 48, 48).data;
        let inked = 0;
        let key = '';
        for (let i = 3; i < data.length; i += 4) {
          inked += data[i] > 0 ? 1 : 0;
          key += data[i] > 127 ? '1' : '0';
        }
        if (inked === 0) {
          blank.push(character);
        }
        pictures.set(key, [...(pictures.get(key) ?? []), character]);
      }
      return {
        font,
        characters,
        blank,
        alike: [...pictures.values()].filter((group) => group.length > 1),
      };
    }, limit);
}

/**
 * A fontconfig configuration that knows only the Latin fonts (DejaVu, Liberation), as on a machine
 * without fonts-noto-core and fonts-noto-cjk: launching Chromium with FONTCONFIG_FILE pointing at it
 * shows what the glyph check sees when the fonts are missing.
 */
export function fontconfigWithoutNoto(): string {
  const folder = mkdtempSync(join(tmpdir(), 'spcomms-fonts-'));
  const file = join(folder, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts/truetype/dejavu</dir>
  <dir>/usr/share/fonts/truetype/liberation</dir>
  <cachedir>${folder}/cache</cachedir>
</fontconfig>
`,
  );
  return file;
}
