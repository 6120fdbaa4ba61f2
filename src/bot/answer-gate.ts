import { AsyncLocalStorage } from 'node:async_hooks';

/*
 * Teams shows the answer to a card action as the clicked card's new state. Background work the
 * action starts (the holder asks, an approved removal) updates that same card in place; an update
 * that reached Teams before the answer would be overwritten by it, leaving the card on an older
 * state than the truth. So work a turn starts in the background waits until the turn's HTTP answer
 * is written (src/bot/services.ts BackgroundWork).
 */
const answered = new AsyncLocalStorage<Promise<void>>();

/** Runs a turn whose answer is written when `written` resolves. */
export function runAnswering<T>(written: Promise<void>, turn: () => Promise<T>): Promise<T> {
  return answered.run(written, turn);
}

/** Resolves once the answer of the turn being run is written; undefined outside a turn. */
export function answerWritten(): Promise<void> | undefined {
  return answered.getStore();
}
