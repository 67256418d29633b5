// The Settings dialog and the in-app offer banner in the mounted workspace: the real client and
// stores over FakeBaton, with settings:get / settings:update served by the real dispatcher from an
// in-memory settings service built on the shared schema (the same patch rules as the services).
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../shared/api-client';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import type { ApiHandlers, BatonApi, EventName, MethodName } from '../../../shared/api';
import type { Disposable } from '../../../shared/lifecycle';
import { BatonError } from '../../../shared/result';
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings, type SettingsView } from '../../../shared/settings';
import { App } from '../app';
import { startBatonClient } from '../../services/baton-client';
import { useInboxStore } from '../../stores/inbox-store';
import { useSettingsStore } from '../../stores/settings-store';
import { useUiStore } from '../../stores/ui-store';
import { FakeBaton } from '../../testing/fake-baton';
import { makeInboxItem } from '../../testing/handoff-fixtures';
import { setupUser } from '../../testing/user';
import { resetStores } from '../../testing/workspace-harness';

/** The settings half of the services: the shared patch rules, a recorded list of patches. */
class SettingsDouble {
  settings: Settings = DEFAULT_SETTINGS;
  mode: 'demo' | 'hub' = 'hub';
  tokenSet = true;
  readonly patches: unknown[] = [];
  refuseNext: string | null = null;
  notice: string | null = null;
  readonly api: BatonApi;
  private readonly listeners = new Set<(event: string, payload: unknown) => void>();

  constructor() {
    const handlers = {
      'settings:get': () => this.view(),
      'settings:update': (patch: Parameters<ApiHandlers['settings:update']>[0]) => {
        this.patches.push(patch);
        if (this.refuseNext) {
          const message = this.refuseNext;
          this.refuseNext = null;
          throw new BatonError('bad_request', message);
        }
        if (patch.hub?.token) this.tokenSet = true;
        this.settings = applySettingsPatch(this.settings, patch);
        return this.view();
      },
    } as unknown as ApiHandlers;
    this.api = createApiClient({
      request: (method, args) => dispatchApiCall(handlers, method, args, { error: () => undefined }),
      subscribe: (listener) => {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
    });
  }

  view(): SettingsView {
    return {
      ...this.settings,
      hub: {
        url: this.mode === 'demo' ? 'http://127.0.0.1:4100' : (this.settings.hub.url ?? 'https://hub.example.com'),
        tokenSet: this.tokenSet,
        mode: this.mode,
        readOnlyReason: this.mode === 'demo' ? 'The demo hub built into Baton is in use.' : null,
        nextStartUrl: this.mode === 'demo' && this.tokenSet ? this.settings.hub.url : null,
      },
      notice: this.notice,
    };
  }

  emit(event: EventName, payload: unknown): void {
    for (const listener of [...this.listeners]) listener(event, payload);
  }
}

let fake: FakeBaton;
let settings: SettingsDouble;
let client: Disposable;
let unmount: () => void;

function mount(items = [makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })], notice: string | null = null) {
  resetStores();
  useSettingsStore.getState().reset();
  fake = new FakeBaton(items);
  settings = new SettingsDouble();
  settings.notice = notice;
  const api: BatonApi = {
    invoke: (method, args) => ((method as MethodName).startsWith('settings:') ? settings.api.invoke(method, args) : fake.api.invoke(method, args)),
    on: (event, listener) => {
      const offFake = fake.api.on(event, listener);
      const offSettings = settings.api.on(event, listener);
      return () => {
        offFake();
        offSettings();
      };
    },
  };
  client = startBatonClient(api);
  unmount = render(<App />).unmount;
}

beforeEach(() => {
  // jsdom reports no focus by default; the agent is looking at the window.
  vi.spyOn(document, 'hasFocus').mockReturnValue(true);
});

afterEach(async () => {
  unmount();
  await client.dispose();
  resetStores();
  useSettingsStore.getState().reset();
  vi.restoreAllMocks();
  delete document.documentElement.dataset.theme;
});

/** The text of the elements an input's aria-describedby names (what a screen reader reads after its name). */
function description(element: HTMLElement): string {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
}

function accessibleName(element: HTMLElement): string {
  const label = element.id ? document.querySelector(`label[for="${element.id}"]`) : null;
  return (label?.textContent ?? element.getAttribute('aria-label') ?? '').trim();
}

async function openWithKeyboard() {
  await screen.findByRole('article', { name: 'Dana Whitfield' });
  await waitFor(() => expect(useSettingsStore.getState().view).not.toBeNull());
  fireEvent.keyDown(document.body, { key: ',', code: 'Comma', ctrlKey: true });
  return screen.findByRole('dialog', { name: 'Settings' });
}

describe('Settings dialog', () => {
  it('opens with Ctrl+, as a labelled modal, keeps Tab inside, closes on Escape and gives focus back', async () => {
    mount();
    const user = setupUser();
    const opener = await screen.findByRole('button', { name: 'Settings' });
    opener.focus();
    const dialog = await openWithKeyboard();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    // Every input is labelled.
    for (const input of within(dialog).getAllByRole('checkbox')) expect(accessibleName(input)).not.toBe('');
    expect((within(dialog).getByLabelText('Alert again every (seconds) while an offer waits') as HTMLInputElement).value).toBe(String(10));

    // Shift+Tab from the first control wraps to the last one, Tab from the last back to the first.
    await user.tab({ shift: true });
    expect(dialog.contains(document.activeElement)).toBe(true);
    const focusables = dialog.querySelectorAll<HTMLElement>('button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href]');
    expect(document.activeElement).toBe(focusables[focusables.length - 1]);
    await user.tab();
    expect(document.activeElement).toBe(close);

    // The workspace's keys wait while the dialog is open.
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(useInboxStore.getState().selectedId).toBeNull();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('switches the theme to dark: applied to the page, saved in the settings, announced', async () => {
    mount();
    const user = setupUser();
    const dialog = await openWithKeyboard();
    await user.click(within(dialog).getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    await waitFor(() => expect(settings.patches).toEqual([{ theme: 'dark' }]));
    expect(settings.settings.theme).toBe('dark');
    await waitFor(() => expect(screen.getByTestId('live-announcer').textContent).toContain('Theme saved'));

    // A change made elsewhere (another window) arrives as settings:changed and is applied too.
    act(() => settings.emit('settings:changed', { ...settings.view(), theme: 'light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect((within(dialog).getByRole('radio', { name: 'Light' }) as HTMLInputElement).checked).toBe(true);
  });

  it('saves quiet hours and the re-alert interval; a bad value shows its error next to the field', async () => {
    mount();
    const user = setupUser();
    const dialog = await openWithKeyboard();
    await user.click(within(dialog).getByRole('checkbox', { name: 'Quiet hours on' }));
    await waitFor(() => expect(settings.settings.alerts.doNotDisturb.enabled).toBe(true));
    expect(settings.patches).toEqual([{ alerts: { doNotDisturb: { enabled: true } } }]);
    expect((within(dialog).getByRole('checkbox', { name: 'Quiet hours on' }) as HTMLInputElement).checked).toBe(true);

    const interval = within(dialog).getByLabelText('Alert again every (seconds) while an offer waits');
    await user.clear(interval);
    await user.type(interval, '1{Enter}');
    expect(description(interval)).toBe('Enter a whole number of seconds from 3 to 300.');
    expect(settings.patches).toHaveLength(1);
    await user.clear(interval);
    await user.type(interval, '30');
    await user.tab();
    await waitFor(() => expect(settings.settings.alerts.reAlertIntervalMs).toBe(30_000));
    expect(interval.hasAttribute('aria-invalid')).toBe(false);

    // The services refuse a value: the message lands next to the field it names.
    settings.refuseNext = 'settings not saved: alerts.doNotDisturb.from: expected HH:MM (24-hour)';
    fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '07:30' } });
    const from = within(dialog).getByLabelText('From');
    await waitFor(() => expect(description(from)).toBe('expected HH:MM (24-hour)'));
    expect(from.getAttribute('aria-invalid')).toBe('true');
  });

  it('hub connection: the token is write-only (shown as set, replaceable); Save & reconnect sends address and token', async () => {
    mount();
    const user = setupUser();
    const dialog = await openWithKeyboard();
    const token = within(dialog).getByLabelText('Agent token');
    expect((token as HTMLInputElement).value).toBe(String(''));
    expect(description(token)).toMatch(/A token is set/);
    const url = within(dialog).getByLabelText('Hub address');
    await user.clear(url);
    await user.type(url, 'https://hub.team.example');
    await user.type(token, 'baton_new-token');
    await user.click(within(dialog).getByRole('button', { name: 'Save & reconnect' }));
    await waitFor(() => expect(settings.patches).toEqual([{ hub: { url: 'https://hub.team.example', token: 'baton_new-token' } }]));
    await waitFor(() => expect((within(dialog).getByLabelText('Agent token') as HTMLInputElement).value).toBe(String('')));
    expect(screen.getByTestId('live-announcer').textContent).toContain('Hub connection saved');
  });

  it('a settings file that had to be set aside is told at start and in the dialog', async () => {
    const notice = 'Your settings file could not be read (not JSON). It was kept as /data/settings.json.corrupt-x and the defaults are in use.';
    mount(undefined, notice);
    await waitFor(() => expect(screen.getAllByText(notice, { exact: false }).length).toBeGreaterThan(0));
    const dialog = await openWithKeyboard();
    expect(within(dialog).getAllByRole('alert').map((el) => el.textContent)).toContain(notice);
  });

  it('demo mode: the demo hub cannot be edited; the team hub is saved for the next start', async () => {
    mount();
    settings.mode = 'demo';
    settings.tokenSet = false;
    const user = setupUser();
    const dialog = await openWithKeyboard();
    const address = within(dialog).getByLabelText('Hub address');
    await waitFor(() => expect(address.hasAttribute('readonly')).toBe(true));
    expect(description(address)).toMatch(/demo hub built into Baton is in use/);
    expect(within(dialog).queryByRole('button', { name: 'Save & reconnect' })).toBeNull();

    await user.type(within(dialog).getByLabelText('Team hub address'), 'https://hub.example.com');
    await user.type(within(dialog).getByLabelText('Agent token'), 'baton_team');
    await user.click(within(dialog).getByRole('button', { name: 'Save for next start' }));
    expect(await within(dialog).findByText('Saved: Baton links to https://hub.example.com the next time it starts.')).toBeTruthy();
    expect(settings.settings.hub.url).toBe('https://hub.example.com');
  });
});

describe('in-app offer banner', () => {
  it('shows an offer that arrives while the agent is looking, with Accept, Decline and View; gone once accepted', async () => {
    mount();
    const user = setupUser();
    await screen.findByRole('article', { name: 'Dana Whitfield' });
    // Offers of the first load are not news.
    expect(screen.queryByRole('region', { name: 'New handoff' })).toBeNull();

    act(() => fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli Moreno', priority: 'P1' })));
    const banner = await screen.findByRole('region', { name: 'New handoff' });
    expect(banner.textContent).toContain('Eli Moreno');
    expect(banner.textContent).toContain('P1');
    expect(banner.textContent).toContain('Negative sentiment');
    expect(screen.getByTestId('live-announcer').textContent).toContain('New handoff from Eli Moreno, P1');

    await user.click(within(banner).getByRole('button', { name: 'View the handoff from Eli Moreno in the inbox' }));
    expect(useInboxStore.getState().selectedId).toBe('h2');
    await user.click(within(banner).getByRole('button', { name: 'Accept the handoff from Eli Moreno' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'New handoff' })).toBeNull());
    expect(fake.callsOf('handoffs:accept')).toEqual([{ handoffId: 'h2' }]);
  });

  it('goes away when the offer is withdrawn or times out; Decline opens the reason form; no banner while not looking', async () => {
    mount();
    const user = setupUser();
    await screen.findByRole('article', { name: 'Dana Whitfield' });
    act(() => fake.emit('offer:received', makeInboxItem({ id: 'h3', customerName: 'Fay Liu' })));
    await screen.findByRole('region', { name: 'New handoff' });
    act(() => fake.emit('offer:revoked', { handoffId: 'h3', reason: 'timeout' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'New handoff' })).toBeNull());
    expect(useUiStore.getState().bannerIds).toEqual([]);

    act(() => fake.emit('offer:received', makeInboxItem({ id: 'h4', customerName: 'Gus Pike' })));
    const banner = await screen.findByRole('region', { name: 'New handoff' });
    await user.click(within(banner).getByRole('button', { name: 'Decline the handoff from Gus Pike' }));
    expect(useUiStore.getState().decliningId).toBe('h4');

    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    act(() => fake.emit('offer:received', makeInboxItem({ id: 'h5', customerName: 'Hana Ito' })));
    await screen.findByRole('article', { name: 'Hana Ito' });
    expect(useUiStore.getState().bannerIds).toEqual(['h4']);
  });

  it("Electron's alert policy can show and hide it (alerts:banner)", async () => {
    mount([makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield' })]);
    await screen.findByRole('article', { name: 'Dana Whitfield' });
    act(() => settings.emit('alerts:banner', { handoffId: 'h1', visible: true }));
    const shown = await screen.findByRole('region', { name: 'New handoff' });
    expect(shown.textContent).toContain('Dana Whitfield');
    act(() => settings.emit('alerts:banner', { handoffId: 'h1', visible: false }));
    expect(screen.queryByRole('region', { name: 'New handoff' })).toBeNull();
  });
});
