import type { Locator, Page } from 'playwright-core';

/** What a person does in the playground: pick a chat, type, read the bot's cards. */
export class PlaygroundChat {
  /** Cards on screen when the person last sent something: replies are the ones after. */
  private seen = 0;

  constructor(private readonly page: Page) {}

  private cards(): Locator {
    return this.page.locator('.ac-adaptiveCard');
  }

  async open(name: string): Promise<void> {
    await this.page.getByText(name, { exact: true }).first().click();
    await this.page.waitForTimeout(500);
  }

  /** Sends text in a personal chat (Enter). */
  async say(text: string): Promise<void> {
    this.seen = await this.cards().count();
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Posts in a channel, @mentioning the bot first as Teams requires there. */
  async post(text: string): Promise<void> {
    this.seen = await this.cards().count();
    const box = this.page.locator('[data-lexical-editor="true"]').first();
    await box.click();
    await this.page.keyboard.type('@License');
    // The mention picker opens under the box as a menu; picking the bot inserts the mention.
    await this.page.getByRole('menuitem', { name: /License Steward/ }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.getByRole('button', { name: 'Post' }).click();
  }

  /**
   * The newest Adaptive Card whose text matches, waiting for it: by default only a card that
   * arrived after the last message sent (a reply); `updated` also accepts an earlier card that
   * changed in place (an approval card following its request).
   */
  async card(text: RegExp, timeout = 20_000, updated = false): Promise<Locator> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const count = await this.cards().count();
      for (let i = count - 1; i >= (updated ? 0 : this.seen); i--) {
        const card = this.cards().nth(i);
        if (text.test(await card.innerText().catch(() => ''))) return card;
      }
      if (Date.now() > deadline) throw new Error(`no card matching ${text} within ${timeout} ms`);
      await this.page.waitForTimeout(200);
    }
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
