// Settings as a service: `settings:get` / `settings:update` for the renderer, `settings:changed`
// to every window, and a new hub address or token carried to the hub link at once (and kept for
// the next start). In demo mode the embedded hub stays in use until Baton restarts: a team hub
// saved then (address and token together) is where the next start links to.
import type { SettingsView } from '../../../shared/settings';
import { BatonError } from '../../../shared/result';
import type { ServicePlugin, PluginContext } from '../service-plugin';
import { SettingsPatchError, SettingsStore, type TokenSealer } from './settings-store';

export interface SettingsPluginOptions {
  /** The store the host already opened (it reads the saved hub before the services start). */
  store?: SettingsStore;
  /** Otherwise one is opened in the data folder, sealing the token with this when given. */
  sealer?: TokenSealer;
}

const DEMO_READ_ONLY =
  'The demo hub built into Baton is in use. Save your team\u2019s hub below and restart Baton to link to it (or start Baton with --hub and --token).';

export function settingsPlugin(options: SettingsPluginOptions = {}): ServicePlugin {
  return {
    name: 'settings',
    async start(ctx) {
      const store = options.store ?? (await SettingsStore.open(ctx.config.dataDir, { log: ctx.log, sealer: options.sealer }));
      const view = () => settingsView(store, ctx);
      const off = store.onChange(({ settings, hubChanged }) => {
        if (hubChanged && ctx.mode === 'hub') {
          const url = settings.hub.url ?? ctx.link.url;
          const token = store.hubToken() ?? ctx.config.token;
          if (token) {
            ctx.log.info(`settings: hub connection changed; reconnecting to ${url}`);
            try {
              ctx.link.retarget(url, token);
              // Another hub or another agent: what this inbox held belongs to the old one. The
              // renderer reloads the inbox when the link is open again.
              ctx.inbox.clear();
            } catch (error) {
              ctx.log.warn(`settings: the hub link cannot use ${url}`, error);
            }
          }
        }
        ctx.events.emit('settings:changed', view());
      });
      return {
        handlers: {
          'settings:get': () => view(),
          'settings:update': async (patch) => {
            if (patch.hub && ctx.mode === 'demo') {
              // The demo's own hub cannot be edited; a team hub is saved for the next start, and
              // only as a whole pair, since an address without a token cannot link.
              const url = patch.hub.url ?? store.current().hub.url;
              const token = patch.hub.token ?? store.hubToken();
              if (!url) throw new BatonError('bad_request', 'hub.url: type your team\u2019s hub address');
              if (!token) throw new BatonError('bad_request', 'hub.token: type the agent token your lead gave you');
              patch = { ...patch, hub: { url, token } };
              try {
                await store.update(patch);
              } catch (error) {
                if (error instanceof SettingsPatchError) throw new BatonError('bad_request', error.message);
                throw error;
              }
              return view();
            }
            const before = { url: store.current().hub.url, token: store.hubToken() };
            if (patch.hub) {
              // Keep a whole pair (address and token) for the next start, even when only one was typed.
              patch = {
                ...patch,
                hub: { url: patch.hub.url ?? before.url ?? ctx.link.url, token: patch.hub.token ?? before.token ?? ctx.config.token },
              };
            }
            try {
              await store.update(patch);
            } catch (error) {
              if (error instanceof SettingsPatchError) throw new BatonError('bad_request', error.message);
              throw error;
            }
            // "Save & reconnect" with nothing changed still reconnects (after a refused token, say).
            const after = { url: store.current().hub.url, token: store.hubToken() };
            if (patch.hub && after.url === before.url && after.token === before.token) ctx.link.reconnect();
            return view();
          },
        },
        dispose: () => off(),
      };
    },
  };
}

export function settingsView(store: SettingsStore, ctx: Pick<PluginContext, 'mode' | 'hubUrl' | 'link' | 'config'>): SettingsView {
  const settings = store.current();
  const demo = ctx.mode === 'demo';
  return {
    ...settings,
    hub: {
      url: demo ? ctx.hubUrl : ctx.link.url,
      tokenSet: demo ? store.hubToken() !== null : store.hubToken() !== null || Boolean(ctx.config.token),
      mode: ctx.mode,
      readOnlyReason: demo ? DEMO_READ_ONLY : null,
      nextStartUrl: demo ? (store.hubToken() !== null ? store.current().hub.url : null) : null,
    },
    notice: store.notice(),
  };
}
