import { Page } from 'playwright-core';

/** Fills the intake form with what its rules accept, with the mouse-free API of the page (for the axe states). */
export async function fillIntake(page: Page): Promise<void> {
  await page.locator('main form [name="source.name"]').fill('Amina Sample');
}

/** Fills the intake form with the keyboard alone: Tab to each field, type, Space or arrows for choices. */
export async function fillIntakeByKeyboard(page: Page): Promise<void> {
  await page.locator('main form [name="source.name"]').focus();
  await page.keyboard.type('Amina Sample');
}
