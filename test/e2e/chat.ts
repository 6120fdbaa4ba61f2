import type { Locator, Page } from 'playwright-core';

/** What a person does in the playground: pick a chat, type, read the bot's cards. */
export class PlaygroundChat {
  constructor(private readonly page: Page) {}

  async open(name: string): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
    await this.page.waitForTimeout(500);
  }

  /** Sends text in a personal chat (Enter). */
  async say(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Posts in a channel, @mentioning the bot first as Teams requires there. */
  async post(text: string): Promise<void> {
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type('@License');
    // The mention picker opens under the box as a menu; picking the bot inserts the mention.
    await this.page.getByRole('menuitem', { name: /License Steward/ }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post' }).click();
  }

  /** The newest Adaptive Card whose text matches, waiting for it to arrive. */
  async card(text: RegExp, timeout = 20_000): Promise<Locator> {
    const card = this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
    await card.waitFor({ state: 'visible', timeout });
    return card;
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
