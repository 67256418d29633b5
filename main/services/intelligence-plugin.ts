// Joins on-device intelligence (main/services/intelligence) to the desktop services: the model
// worker, reply suggestions from the built-in library, mood trends; handoffs are looked up in the
// inbox. Models load lazily on first use, so startup pays nothing; customer messages are scored as
// they arrive (MessageScorer).
import { createIntelligenceHandlers } from './intelligence/intelligence-handlers';
import { WorkerIntelligenceService } from './intelligence/intelligence-service';
import { builtInModelsDir } from './intelligence/models-dir';
import { defaultReplyLibrary } from './intelligence/reply-library';
import { ReplySuggester } from './intelligence/reply-suggester';
import { MessageScorer } from './intelligence/message-scorer';
import { InMemoryReplyUsage } from './intelligence/reply-usage';
import type { ServicePlugin } from './service-plugin';

export interface IntelligencePluginOptions {
  modelsDir?: string;
  /** Where model-worker.mjs is (the bundled Electron app keeps a copy next to its main script). */
  workerUrl?: URL;
}

export function intelligencePlugin(options: IntelligencePluginOptions = {}): ServicePlugin {
  return {
    name: 'intelligence',
    start(ctx) {
      const service = new WorkerIntelligenceService({
        modelsDir: options.modelsDir ?? builtInModelsDir(),
        clock: ctx.clock,
        ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
      });
      const suggester = new ReplySuggester((texts) => service.embed(texts), defaultReplyLibrary(), new InMemoryReplyUsage());
      const status = service.onStatusChanged((next) => ctx.events.emit('intelligence:status', next));
      // Every customer message gets its mood on arrival (loads the sentiment model on the first one).
      const scorer = new MessageScorer({ service, inbox: ctx.inbox, log: ctx.log });
      return {
        handlers: createIntelligenceHandlers({
          service,
          suggester,
          lookupHandoff: (handoffId) => ctx.inbox.get(handoffId)?.handoff,
          agentName: () => ctx.link.agent?.name,
        }),
        async dispose() {
          await scorer.dispose();
          await status.dispose();
          await service.dispose();
        },
      };
    },
  };
}
