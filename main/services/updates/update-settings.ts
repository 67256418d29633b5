// Where auto-update settings come from: the agent's channel (Settings) and IT's policy, which
// wins. IT turns updates off or pins a feed with an environment variable or a JSON file that an
// installer or MDM drops next to the app or in the machine-wide config folder:
//   BATON_DISABLE_UPDATES=1                   updates off
//   BATON_UPDATE_POLICY_FILE=/path/policy.json  an explicit policy file
//   update-policy.json                        { "updates": "off" | "on", "channel": "stable" | "beta",
//                                               "feedUrl": "https://updates.example.com/baton/" }
// A policy file that cannot be read as valid JSON of that shape turns updates off (IT meant to
// control something; we do not guess what) and says why.
import { z } from 'zod';
import { describeZodError } from '../../../shared/result';

export const UPDATE_CHANNELS = ['stable', 'beta'] as const;
export const UpdateChannel = z.enum(UPDATE_CHANNELS);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

export const UPDATE_POLICY_FILE_NAME = 'update-policy.json';

export const UpdatePolicyFile = z
  .object({
    updates: z.enum(['on', 'off']).default('on'),
    /** Forces the channel; the agent's choice in Settings is then shown but locked. */
    channel: UpdateChannel.optional(),
    /** A company's own HTTPS feed (electron-updater's generic provider) instead of GitHub Releases. */
    feedUrl: z.url({ protocol: /^https$/, error: 'feedUrl must be an https:// URL' }).max(2_000).optional(),
  })
  .strict();
export type UpdatePolicyFile = z.output<typeof UpdatePolicyFile>;

export type UpdateSettings =
  | { enabled: false; reason: string }
  | { enabled: true; channel: UpdateChannel; channelLockedByPolicy: boolean; feedUrl: string | null };

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

/**
 * @param policyFileText the policy file's text, or null when there is none
 * @param policySource where it came from, for messages
 */
export function resolveUpdateSettings(input: {
  env: Record<string, string | undefined>;
  policyFileText: string | null;
  policySource?: string;
  agentChannel: UpdateChannel;
  /** False in development (unpackaged) builds: electron-updater has nothing to update. */
  packaged: boolean;
}): UpdateSettings {
  if (!input.packaged) return { enabled: false, reason: 'updates run only in an installed Baton' };
  const flag = input.env.BATON_DISABLE_UPDATES?.trim().toLowerCase();
  if (flag && TRUTHY.has(flag)) return { enabled: false, reason: 'turned off by your IT department (BATON_DISABLE_UPDATES)' };
  let policy: UpdatePolicyFile = { updates: 'on' };
  if (input.policyFileText !== null) {
    const source = input.policySource ?? UPDATE_POLICY_FILE_NAME;
    let json: unknown;
    try {
      json = JSON.parse(input.policyFileText);
    } catch {
      return { enabled: false, reason: `turned off: ${source} is not valid JSON` };
    }
    const parsed = UpdatePolicyFile.safeParse(json);
    if (!parsed.success) return { enabled: false, reason: `turned off: ${source} is invalid (${describeZodError(parsed.error)})` };
    policy = parsed.data;
  }
  if (policy.updates === 'off') return { enabled: false, reason: 'turned off by your IT department (update policy)' };
  return {
    enabled: true,
    channel: policy.channel ?? input.agentChannel,
    channelLockedByPolicy: policy.channel !== undefined,
    feedUrl: policy.feedUrl ?? null,
  };
}

/** The electron-updater settings for a channel (GitHub's prerelease flag carries beta builds). */
export function updaterOptions(settings: Extract<UpdateSettings, { enabled: true }>) {
  return {
    channel: settings.channel === 'beta' ? 'beta' : 'latest',
    allowPrerelease: settings.channel === 'beta',
    // Going from beta back to stable never installs an older build over a newer one.
    allowDowngrade: false,
    autoDownload: true,
    autoInstallOnAppQuit: true,
    feed: settings.feedUrl ? ({ provider: 'generic', url: settings.feedUrl, channel: settings.channel === 'beta' ? 'beta' : 'latest' } as const) : null,
  };
}

/** Where the glue looks for update-policy.json, most specific first. */
export function updatePolicyFileCandidates(input: {
  env: Record<string, string | undefined>;
  platform: string;
  /** process.resourcesPath of the installed app. */
  resourcesPath: string;
}): string[] {
  const { env, platform, resourcesPath } = input;
  const join = (...parts: string[]) => parts.join(platform === 'win32' ? '\\' : '/');
  const candidates: string[] = [];
  if (env.BATON_UPDATE_POLICY_FILE) candidates.push(env.BATON_UPDATE_POLICY_FILE);
  if (platform === 'win32') candidates.push(join(env.ProgramData ?? 'C:\\ProgramData', 'Baton', UPDATE_POLICY_FILE_NAME));
  else if (platform === 'darwin') candidates.push(`/Library/Application Support/Baton/${UPDATE_POLICY_FILE_NAME}`);
  else candidates.push(`/etc/baton/${UPDATE_POLICY_FILE_NAME}`);
  candidates.push(join(resourcesPath, UPDATE_POLICY_FILE_NAME));
  return candidates;
}
