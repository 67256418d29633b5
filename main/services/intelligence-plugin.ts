// Joins on-device intelligence (main/services/intelligence) to the desktop services: the model
// worker, reply suggestions from the reply library (defaults + the team's and agent's macros,
// persisted by the local store when it runs), mood trends; handoffs are looked up in the
// inbox. Models load lazily on first use, so startup pays nothing; customer messages are scored as
// they arrive (MessageScorer).
import { createIntelligenceHandlers } from './intelligence/intelligence-handlers';
import { WorkerIntelligenceService } from './intelligence/intelligence-service';
import { builtInModelsDir } from './intelligence/models-dir';
import { createReplyLibraryHandlers } from './intelligence/reply-library-handlers';
import { ReplyLibraryService } from './intelligence/reply-library-service';
import { InMemoryReplyLibraryStore } from './intelligence/reply-library-store';
import { MessageScorer } from './intelligence/message-scorer';
import { attachModelManager } from './intelligence/model-manager-handlers';
import type { ServicePlugin } from './service-plugin';

export interface IntelligencePluginOptions {
  modelsDir?: string;
  /** Where model-worker.mjs is (the bundled Electron app keeps a copy next to its main script). */
  workerUrl?: URL;
  /** The folder IT fills with models by hand; defaults to BATON_MODELS_DIR (null: none). */
  itModelsDir?: string | null;
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
      // The reply library: defaults + the team's and agent's macros, kept in the local store when there is one.
      const library = new ReplyLibraryService({
        store: ctx.replyLibraryStore ?? new InMemoryReplyLibraryStore(() => ctx.clock.now()),
        embed: (texts) => service.embed(texts),
        embeddingModel: () => JSON.stringify(service.models().embeddings),
        onChanged: (change) => ctx.events.emit('replies:changed', change),
      });
      const suggester = library.suggester;
      const status = service.onStatusChanged((next) => ctx.events.emit('intelligence:status', next));
      // Every customer message gets its mood on arrival (loads the sentiment model on the first one).
      const scorer = new MessageScorer({ service, inbox: ctx.inbox, log: ctx.log });
      // Optional larger models (model manager): applies the saved choice; a new embedding model re-embeds the library.
      const models = attachModelManager({
        service,
        builtInDir: options.modelsDir ?? builtInModelsDir(),
        dataDir: ctx.config.dataDir,
        ...(options.itModelsDir !== undefined ? { itDir: options.itModelsDir } : {}),
        emit: ctx.events.emit,
        log: ctx.log,
        clock: ctx.clock,
        // setLibrary keeps each macro's vectors; a new model makes all of them stale.
        onEmbeddingsChanged: () => suggester.invalidateEmbeddings(),
      });
      return {
        handlers: {
          ...createIntelligenceHandlers({
            service,
            suggester,
            library,
            lookupHandoff: (handoffId) => ctx.inbox.get(handoffId)?.handoff,
            agentName: () => ctx.link.agent?.name,
          }),
          ...models.handlers,
          ...createReplyLibraryHandlers({ library, lookupHandoff: (handoffId) => ctx.inbox.get(handoffId)?.handoff, agentName: () => ctx.link.agent?.name }),
        },
        async dispose() {
          await scorer.dispose();
          await models.dispose();
          await status.dispose();
          await service.dispose();
        },
      };
    },
  };
}
