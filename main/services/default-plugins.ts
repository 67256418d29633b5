// The services every Baton desktop runs beside the hub link and inbox (supervision is built into
// app-services), in start order. Both hosts (Electron, browser) pass this list to
// createAppServices; tests pick what they need.
import { alertsPlugin, type AlertsPluginOptions } from './alerts/alerts-plugin';
import { intelligencePlugin, type IntelligencePluginOptions } from './intelligence-plugin';
import type { ServicePlugin } from './service-plugin';
import { settingsPlugin, type SettingsPluginOptions } from './settings/settings-plugin';
import { localStorePlugin, type LocalStorePluginOptions } from './store/local-store-plugin';

export interface DefaultPluginOptions {
  localStore?: LocalStorePluginOptions;
  intelligence?: IntelligencePluginOptions;
  settings?: SettingsPluginOptions;
  /**
   * The alert ladder run in the services (the browser host only: Electron wires its own and must
   * not alert twice). It follows the settings store given here, or the settings plugin's.
   */
  alerts?: AlertsPluginOptions;
}

export function defaultPlugins(options: DefaultPluginOptions = {}): ServicePlugin[] {
  const alerts = options.alerts ? [alertsPlugin({ settings: options.settings?.store, ...options.alerts })] : [];
  return [settingsPlugin(options.settings), ...alerts, localStorePlugin(options.localStore), intelligencePlugin(options.intelligence)];
}
