// Reads and waits on a page over the Chrome DevTools Protocol (Runtime.evaluate in the page's own
// world) instead of Playwright's page.evaluate / waitForFunction. Those first inject Playwright's
// utility script into the page, and evaluating it is a task of 40-80 ms (more on a loaded machine)
// on the page's main thread: a long task the renderer benchmarks would count as the app's own.
import type { Page } from 'playwright-core';

export type PageEvaluator = <T>(expression: string, timeoutMs?: number) => Promise<T>;

/** Evaluates `expression` (awaiting it when it is a promise) and returns its JSON value. */
export async function cdpEvaluator(page: Page): Promise<PageEvaluator> {
  const session = await page.context().newCDPSession(page);
  return async <T>(expression: string, timeoutMs = 60_000): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the page did not answer within ${timeoutMs} ms: ${expression.slice(0, 120)}`)), timeoutMs);
    });
    try {
      const answer = await Promise.race([session.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }), timeout]);
      if (answer.exceptionDetails) throw new Error(`the page threw: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
      return answer.result.value as T;
    } finally {
      clearTimeout(timer);
    }
  };
}
