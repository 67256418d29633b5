// Thin glue between electron-updater and the pure update policy (main/services/updates): reads IT
// policy, sets the channel and feed, translates updater events into UpdateStatus, checks on a
// timer, and installs only when decideRestart() allows. Failures are logged and reported in the
// status; they never throw into the app. Type-checked only (the Electron binary is absent here).
import { app } from 'electron';
import electronUpdater from 'electron-updater';
import { readFileSync } from 'node:fs';
import type { Clock, TimerHandle } from '../../shared/clock';
import type { Disposable } from '../../shared/lifecycle';
import type { Logger } from '../services/logger';
import { decideRestart, nextCheckAt, reduceUpdateStatus, type OpenWork, type RestartDecision, type UpdaterEvent, type UpdateStatus } from '../services/updates/update-policy';
import { resolveUpdateSettings, updatePolicyFileCandidates, updaterOptions, type UpdateChannel } from '../services/updates/update-settings';

export interface BatonUpdater extends Disposable {
  status(): UpdateStatus;
  /** The agent picked "Restart now": installs only when they have no open work. */
  restartNow(): RestartDecision;
  checkNow(): void;
}

export interface UpdaterDeps {
  clock: Clock;
  log: Logger;
  agentChannel: UpdateChannel;
  openWork(): OpenWork;
  onStatus(status: UpdateStatus): void;
}

function readPolicyFile(log: Logger): { text: string | null; source?: string } {
  for (const path of updatePolicyFileCandidates({ env: process.env, platform: process.platform, resourcesPath: process.resourcesPath })) {
    try {
      return { text: readFileSync(path, 'utf8'), source: path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') log.warn(`update policy ${path} could not be read`, error);
    }
  }
  return { text: null };
}

export function createUpdater(deps: UpdaterDeps): BatonUpdater {
  const { autoUpdater } = electronUpdater;
  const { clock, log } = deps;
  const policy = readPolicyFile(log);
  const settings = resolveUpdateSettings({
    env: process.env,
    policyFileText: policy.text,
    policySource: policy.source,
    agentChannel: deps.agentChannel,
    packaged: app.isPackaged,
  });
  let status: UpdateStatus = settings.enabled ? { kind: 'idle', lastCheckedAt: null } : { kind: 'disabled', reason: settings.reason };
  let timer: TimerHandle | null = null;

  const apply = (event: UpdaterEvent) => {
    status = reduceUpdateStatus(status, event);
    deps.onStatus(status);
    schedule();
  };
  const check = () => {
    if (status.kind === 'disabled') return;
    autoUpdater.checkForUpdates().catch((error: unknown) => apply({ type: 'error', message: String((error as Error)?.message ?? error), at: clock.now() }));
  };
  function schedule() {
    if (timer) clock.clearTimeout(timer);
    timer = null;
    const at = nextCheckAt(status, clock.now());
    if (at !== null) timer = clock.setTimeout(check, Math.max(0, at - clock.now()));
  }

  if (settings.enabled) {
    const options = updaterOptions(settings);
    if (options.feed) autoUpdater.setFeedURL(options.feed);
    autoUpdater.channel = options.channel;
    // Setting the channel turns downgrades on; Baton never installs an older build.
    autoUpdater.allowDowngrade = options.allowDowngrade;
    autoUpdater.allowPrerelease = options.allowPrerelease;
    autoUpdater.autoDownload = options.autoDownload;
    autoUpdater.autoInstallOnAppQuit = options.autoInstallOnAppQuit;
    autoUpdater.logger = log;
    autoUpdater.on('checking-for-update', () => apply({ type: 'checking' }));
    autoUpdater.on('update-available', (info) => apply({ type: 'available', version: info.version }));
    autoUpdater.on('update-not-available', () => apply({ type: 'not-available', at: clock.now() }));
    autoUpdater.on('download-progress', (progress) => apply({ type: 'progress', percent: progress.percent, bytesPerSecond: progress.bytesPerSecond }));
    autoUpdater.on('update-downloaded', (info) => apply({ type: 'downloaded', version: info.version }));
    autoUpdater.on('error', (error) => {
      log.warn('update failed; Baton keeps running the current version', error);
      apply({ type: 'error', message: error?.message ?? String(error), at: clock.now() });
    });
  } else {
    log.info(`updates off: ${settings.reason}`);
  }
  deps.onStatus(status);
  schedule();

  return {
    status: () => status,
    checkNow: check,
    restartNow() {
      const decision = decideRestart(status, deps.openWork(), 'restart-now');
      if (decision.action === 'install-and-restart') {
        try {
          autoUpdater.quitAndInstall(false, true);
        } catch (error) {
          apply({ type: 'install-failed', message: String((error as Error)?.message ?? error), at: clock.now() });
        }
      }
      return decision;
    },
    dispose() {
      if (timer) clock.clearTimeout(timer);
      timer = null;
      autoUpdater.removeAllListeners();
    },
  };
}
