// Table-driven tests of the update policy: the status reducer, the restart rule, IT policy.
import { describe, expect, it } from 'vitest';
import { canOfferRestart, decideRestart, nextCheckAt, reduceUpdateStatus, CHECK_INTERVAL_MS, RETRY_AFTER_FAILURE_MS, type UpdaterEvent, type UpdateStatus } from './update-policy';
import { resolveUpdateSettings, updatePolicyFileCandidates, updaterOptions } from './update-settings';

const T = 1_700_000_000_000;
const idle: UpdateStatus = { kind: 'idle', lastCheckedAt: null };
const ready: UpdateStatus = { kind: 'ready', version: '1.4.0' };
const downloading: UpdateStatus = { kind: 'downloading', version: '1.4.0', percent: 40, bytesPerSecond: 1e6 };

function replay(events: UpdaterEvent[], from: UpdateStatus = idle): UpdateStatus {
  return events.reduce(reduceUpdateStatus, from);
}

describe('update status', () => {
  it.each<[string, UpdaterEvent[], UpdateStatus, UpdateStatus]>([
    ['check finds nothing', [{ type: 'checking' }, { type: 'not-available', at: T }], idle, { kind: 'idle', lastCheckedAt: T }],
    ['background download with visible progress', [{ type: 'checking' }, { type: 'available', version: '1.4.0' }, { type: 'progress', percent: 37.5, bytesPerSecond: 2e6 }], idle, { kind: 'downloading', version: '1.4.0', percent: 37.5, bytesPerSecond: 2e6 }],
    ['download completes → ready', [{ type: 'available', version: '1.4.0' }, { type: 'downloaded', version: '1.4.0' }], idle, ready],
    ['failed download is reported as such', [{ type: 'error', message: 'net::ERR_CONNECTION_RESET', at: T }], downloading, { kind: 'failed', stage: 'download', message: 'net::ERR_CONNECTION_RESET', at: T }],
    ['failed check is reported as such', [{ type: 'checking' }, { type: 'error', message: 'HttpError: 404', at: T }], idle, { kind: 'failed', stage: 'check', message: 'HttpError: 404', at: T }],
    ['a bad update (signature) fails the download, app keeps running', [{ type: 'error', message: 'sha512 checksum mismatch', at: T }], downloading, { kind: 'failed', stage: 'download', message: 'sha512 checksum mismatch', at: T }],
    ['a later check does not hide a ready update', [{ type: 'checking' }, { type: 'not-available', at: T }, { type: 'error', message: 'offline', at: T }], ready, ready],
    ['the same version announced again stays ready', [{ type: 'available', version: '1.4.0' }], ready, ready],
    ['a newer version replaces a ready one', [{ type: 'available', version: '1.5.0' }], ready, { kind: 'downloading', version: '1.5.0', percent: 0, bytesPerSecond: 0 }],
    ['install failure is reported', [{ type: 'install-failed', message: 'EPERM', at: T }], ready, { kind: 'failed', stage: 'install', message: 'EPERM', at: T }],
    ['progress is clamped, NaN ignored', [{ type: 'progress', percent: 140, bytesPerSecond: -1 }, { type: 'progress', percent: Number.NaN, bytesPerSecond: 5 }], downloading, { kind: 'downloading', version: '1.4.0', percent: 100, bytesPerSecond: 5 }],
    ['progress without a download is ignored', [{ type: 'progress', percent: 50, bytesPerSecond: 1 }], idle, idle],
    ['disabled stays disabled whatever the updater says', [{ type: 'available', version: '9' }, { type: 'downloaded', version: '9' }], { kind: 'disabled', reason: 'IT' }, { kind: 'disabled', reason: 'IT' }],
  ])('%s', (_name, events, from, expected) => {
    expect(replay(events, from)).toEqual(expected);
  });

  it('long error messages are cut', () => {
    const status = replay([{ type: 'error', message: 'x'.repeat(5_000), at: T }], downloading);
    expect(status.kind === 'failed' && status.message.length).toBe(300);
  });
});

describe('restart rule: never while the agent has work', () => {
  it.each<[string, UpdateStatus, number, number, 'restart-now' | 'app-quit', string, RegExp?]>([
    ['restart now with nothing open', ready, 0, 0, 'restart-now', 'install-and-restart'],
    ['restart now with an accepted conversation', ready, 1, 0, 'restart-now', 'refuse', /1 accepted conversation\b/],
    ['restart now with a waiting offer', ready, 0, 1, 'restart-now', 'refuse', /1 waiting offer\b/],
    ['restart now with both', ready, 2, 3, 'restart-now', 'refuse', /2 accepted conversations and 3 waiting offers/],
    ['restart now with nothing downloaded', idle, 0, 0, 'restart-now', 'refuse', /no update is ready/],
    ['restart now mid-download', downloading, 0, 0, 'restart-now', 'refuse', /no update is ready/],
    ['quitting with a ready update installs on the way out', ready, 0, 0, 'app-quit', 'install-on-quit'],
    ['quitting is the agent’s choice even with work open', ready, 2, 1, 'app-quit', 'install-on-quit'],
    ['quitting without an update just quits', idle, 0, 0, 'app-quit', 'quit'],
    ['quitting after a failed download just quits', { kind: 'failed', stage: 'download', message: 'x', at: T }, 0, 0, 'app-quit', 'quit'],
  ])('%s', (_name, status, accepted, waiting, trigger, action, reason) => {
    const decision = decideRestart(status, { acceptedConversations: accepted, waitingOffers: waiting }, trigger);
    expect(decision.action).toBe(action);
    if (reason) expect(decision.action === 'refuse' && decision.reason).toMatch(reason);
  });

  it('"Restart now" is offered only when it would be allowed', () => {
    expect(canOfferRestart(ready, { acceptedConversations: 0, waitingOffers: 0 })).toBe(true);
    expect(canOfferRestart(ready, { acceptedConversations: 1, waitingOffers: 0 })).toBe(false);
    expect(canOfferRestart(downloading, { acceptedConversations: 0, waitingOffers: 0 })).toBe(false);
  });

  it.each<[UpdateStatus, number | null]>([
    [idle, T],
    [{ kind: 'idle', lastCheckedAt: T }, T + CHECK_INTERVAL_MS],
    [{ kind: 'failed', stage: 'download', message: 'x', at: T }, T + RETRY_AFTER_FAILURE_MS],
    [ready, null],
    [downloading, null],
    [{ kind: 'disabled', reason: 'IT' }, null],
  ])('next check for %j is %s', (status, at) => {
    expect(nextCheckAt(status, T)).toBe(at);
  });
});

describe('update settings and IT policy', () => {
  const base = { env: {}, policyFileText: null, agentChannel: 'stable' as const, packaged: true };
  it.each<[string, Partial<Parameters<typeof resolveUpdateSettings>[0]>, object]>([
    ['defaults: on, the agent’s channel, GitHub feed', {}, { enabled: true, channel: 'stable', channelLockedByPolicy: false, feedUrl: null }],
    ['beta chosen in Settings', { agentChannel: 'beta' }, { enabled: true, channel: 'beta' }],
    ['development build', { packaged: false }, { enabled: false, reason: expect.stringMatching(/installed Baton/) }],
    ['BATON_DISABLE_UPDATES=1', { env: { BATON_DISABLE_UPDATES: '1' } }, { enabled: false, reason: expect.stringMatching(/BATON_DISABLE_UPDATES/) }],
    ['BATON_DISABLE_UPDATES=TRUE', { env: { BATON_DISABLE_UPDATES: ' TRUE ' } }, { enabled: false }],
    ['BATON_DISABLE_UPDATES=0 leaves them on', { env: { BATON_DISABLE_UPDATES: '0' } }, { enabled: true }],
    ['policy file turns them off', { policyFileText: '{"updates":"off"}' }, { enabled: false, reason: expect.stringMatching(/update policy/) }],
    ['policy pins the channel over the agent’s choice', { policyFileText: '{"channel":"stable"}', agentChannel: 'beta' }, { enabled: true, channel: 'stable', channelLockedByPolicy: true }],
    ['policy sets a company feed', { policyFileText: '{"feedUrl":"https://updates.example.com/baton/"}' }, { enabled: true, feedUrl: 'https://updates.example.com/baton/' }],
    ['an http feed is refused (off, naming the field)', { policyFileText: '{"feedUrl":"http://updates.example.com/"}' }, { enabled: false, reason: expect.stringMatching(/feedUrl/) }],
    ['an unknown key is refused', { policyFileText: '{"update":"off"}' }, { enabled: false, reason: expect.stringMatching(/invalid/) }],
    ['broken JSON turns updates off', { policyFileText: '{updates: off', policySource: '/etc/baton/update-policy.json' }, { enabled: false, reason: expect.stringMatching(/\/etc\/baton\/update-policy.json is not valid JSON/) }],
  ])('%s', (_name, input, expected) => {
    expect(resolveUpdateSettings({ ...base, ...input })).toMatchObject(expected);
  });

  it('maps channels onto electron-updater', () => {
    expect(updaterOptions({ enabled: true, channel: 'stable', channelLockedByPolicy: false, feedUrl: null })).toMatchObject({ channel: 'latest', allowPrerelease: false, allowDowngrade: false, autoInstallOnAppQuit: true, feed: null });
    expect(updaterOptions({ enabled: true, channel: 'beta', channelLockedByPolicy: false, feedUrl: 'https://u.example.com/' })).toMatchObject({
      channel: 'beta',
      allowPrerelease: true,
      feed: { provider: 'generic', url: 'https://u.example.com/', channel: 'beta' },
    });
  });

  it('looks for the policy file in the explicit path, the machine-wide folder, then beside the app', () => {
    expect(updatePolicyFileCandidates({ env: { BATON_UPDATE_POLICY_FILE: '/x/p.json' }, platform: 'linux', resourcesPath: '/opt/Baton/resources' })).toEqual([
      '/x/p.json',
      '/etc/baton/update-policy.json',
      '/opt/Baton/resources/update-policy.json',
    ]);
    expect(updatePolicyFileCandidates({ env: { ProgramData: 'D:\\PD' }, platform: 'win32', resourcesPath: 'C:\\Baton\\resources' })).toEqual([
      'D:\\PD\\Baton\\update-policy.json',
      'C:\\Baton\\resources\\update-policy.json',
    ]);
  });
});
