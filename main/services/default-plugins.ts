// The services every Baton desktop runs beside the hub link and inbox (supervision is built into
// app-services), in start order. Both hosts (Electron, browser) pass this list to
// createAppServices; tests pick what they need.
import { intelligencePlugin, type IntelligencePluginOptions } from './intelligence-plugin';
import type { ServicePlugin } from './service-plugin';
import { localStorePlugin, type LocalStorePluginOptions } from './store/local-store-plugin';

export interface DefaultPluginOptions {
  localStore?: LocalStorePluginOptions;
  intelligence?: IntelligencePluginOptions;
}

export function defaultPlugins(options: DefaultPluginOptions = {}): ServicePlugin[] {
  return [localStorePlugin(options.localStore), intelligencePlugin(options.intelligence)];
}
