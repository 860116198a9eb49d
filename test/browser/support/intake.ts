import { Page } from 'playwright-core';
import { tabTo } from './browser';

/** What the intake form's rules accept: a State, a victim, a perpetrator, a date, a place, the facts, a source. */
export const VALID_INTAKE: Array<{ field: string; value: string; kind: 'text' | 'select' | 'radio' }> = [
  { field: 'stateCode', value: 'IRN', kind: 'select' },
  { field: 'victims-0-name', value: 'Sara Sample', kind: 'text' },
  { field: 'perpetrators-0-description', value: 'Officers of the police, district 4', kind: 'text' },
  { field: 'occurredFrom-day', value: '3', kind: 'text' },
  { field: 'occurredFrom-month', value: '5', kind: 'text' },
  { field: 'occurredFrom-year', value: '2026', kind: 'text' },
  { field: 'place', value: 'Tehran', kind: 'text' },
  {
    field: 'description',
    value: 'She was arrested at her home at night and has been held since then without any charge.',
    kind: 'text',
  },
  { field: 'source-name', value: 'Nadia Source', kind: 'text' },
  { field: 'source-email', value: 'nadia@example.org', kind: 'text' },
  { field: 'source-relation', value: 'family', kind: 'radio' },
];

/** Fills the intake form programmatically (to reach its "done" state for axe). */
export async function fillIntake(page: Page): Promise<void> {
  for (const { field, value, kind } of VALID_INTAKE) {
    if (kind === 'select') {
      await page.locator(`main form select[name="${field}"]`).selectOption(value);
    } else if (kind === 'radio') {
      await page.locator(`main form input[name="${field}"][value="${value}"]`).check();
    } else {
      await page.locator(`main form [name="${field}"]`).fill(value);
    }
  }
}

/**
 * Fills the intake form with the keyboard alone, field after field in the order of the page: Tab to
 * it, select what is there and type over it; for a list, the arrow keys until the value; for radios,
 * the arrow keys until the one wanted is checked.
 */
export async function fillIntakeByKeyboard(page: Page): Promise<void> {
  let first = true;
  for (const { field, value, kind } of VALID_INTAKE) {
    const selector =
      kind === 'radio'
        ? `main form input[name="${field}"]:is(:checked, :first-of-type)`
        : `main form [name="${field}"]`;
    // From wherever the error summary's link left focus, the first field may lie above it: focus runs
    // past the end of the page once and starts again at the top.
    await tabTo(page, kind === 'radio' ? `main form input[name="${field}"]` : selector, 200, first);
    first = false;
    const element = page.locator(`main form [name="${field}"]`).first();
    if (kind === 'select') {
      for (let i = 0; i < 400 && (await element.inputValue()) !== value; i++) {
        await page.keyboard.press('ArrowDown');
      }
    } else if (kind === 'radio') {
      const wanted = page.locator(`main form input[name="${field}"][value="${value}"]`);
      await page.keyboard.press('Space');
      for (let i = 0; i < 20 && !(await wanted.isChecked()); i++) {
        await page.keyboard.press('ArrowDown');
      }
    } else {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type(value);
    }
    if (kind !== 'radio' && (await element.inputValue()) !== value) {
      throw new Error(`${field} holds "${await element.inputValue()}" after typing "${value}"`);
    }
  }
}
