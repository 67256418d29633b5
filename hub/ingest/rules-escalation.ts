// Escalation from the rules engine (hub/rules/): a rules file that is hot-reloaded (the last good
// rules stay in force when an edit is rejected), or the built-in default rules without a file.
import type { Clock } from '../../shared/clock';
import type { HubLog } from '../hub-log';
import { createRulesProvider, customerMessageValues, evaluateRules, renderCustomerMessage } from '../rules/index';
import type { Escalation } from './escalation';

export function createRulesEscalation(options: { path?: string; log: HubLog; clock?: Clock }): Escalation {
  const provider = createRulesProvider({ path: options.path, log: options.log, clock: options.clock });
  return {
    evaluate: (request, now) => evaluateRules(provider.current(), request, now),
    customerMessage(request, outcome, expectedWaitSeconds) {
      const calendar = provider.current().calendar;
      return renderCustomerMessage(
        outcome.customerMessage,
        customerMessageValues({ request, outcome, expectedWaitSeconds, ...(calendar ? { businessHours: calendar.describe() } : {}) }),
      );
    },
    dispose: () => provider.dispose(),
  };
}
