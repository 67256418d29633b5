// How most end-to-end scenes start: a hub in-process whose webhooks go to a stub bot platform, and
// browser hosts (`npm run web`) linked to it as real child processes.
import { join } from 'node:path';
import { createHub, type Hub, type HubAgentSeed } from '../../hub/index';
import { silentLog } from '../../hub/hub-log';
import { startPlatformStub, type PlatformStub } from './platform-stub';
import { startTsProcess, WEB_HOST_READY, type RunningProcess } from './processes';

export interface LinkedHub {
  hub: Hub;
  platform: PlatformStub;
  /** Closes the hub, then the platform stub. */
  close(): Promise<void>;
}

export async function startLinkedHub(options: { dataDir: string; secret: string; offerTimeoutMs: number; agents: HubAgentSeed[] }): Promise<LinkedHub> {
  const platform = await startPlatformStub(options.secret);
  try {
    const hub = await createHub({
      port: 0,
      dbPath: join(options.dataDir, 'hub.sqlite'),
      secret: options.secret,
      webhookUrl: platform.webhookUrl,
      offerTimeoutMs: options.offerTimeoutMs,
      log: silentLog,
      agents: options.agents,
    });
    return {
      hub,
      platform,
      async close() {
        await hub.close();
        await platform.close();
      },
    };
  } catch (error) {
    await platform.close();
    throw error;
  }
}

/** The browser host linked to `hubUrl` as the agent with `token`, keeping its data in `dataDir`. */
export function startBrowserHost(hubUrl: string, token: string, dataDir: string): Promise<RunningProcess> {
  return startTsProcess('main/web/cli.ts', ['--port', '0', '--hub', hubUrl, `--token=${token}`, '--data', dataDir], WEB_HOST_READY, { timeoutMs: 60_000 });
}
