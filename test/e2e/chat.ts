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
    await this.page
      .getByRole('menuitem', { name: /License Steward/ })
      .first()
      .click();
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
      if (Date.now() > deadline) {
        // What was on screen instead, so a failure on a CI machine can be read from its log.
        const shown: string[] = [];
        for (let i = Math.max(0, count - 3); i < count; i++)
          shown.push(
            (
              await this.cards()
                .nth(i)
                .innerText()
                .catch(() => '')
            )
              .replace(/\s+/g, ' ')
              .slice(0, 600),
          );
        throw new Error(`no card matching ${text} within ${timeout} ms; the last cards:\n- ${shown.join('\n- ')}`);
      }
      await this.page.waitForTimeout(200);
    }
  }

  /**
   * On a paged list card, pages with Next until a row names `person`, then clicks that row's
   * `action` button.
   */
  async clickRowAction(list: Locator, person: string, action: string, maxPages = 20): Promise<void> {
    for (let page = 1; page <= maxPages; page++) {
      const buttons = list.getByRole('button', { name: action, exact: true });
      const count = await buttons.count();
      for (let i = 0; i < count; i++) {
        const row = await buttons.nth(i).evaluate((el) => el.closest('.ac-container')?.textContent ?? '');
        if (row.includes(person)) {
          await buttons.nth(i).click();
          return;
        }
      }
      const before = await list.innerText();
      await list.getByRole('button', { name: 'Next', exact: true }).click();
      const deadline = Date.now() + 10_000;
      while ((await list.innerText()) === before && Date.now() < deadline) await this.page.waitForTimeout(100);
    }
    throw new Error(`no row naming ${person} within ${maxPages} pages`);
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }
}
