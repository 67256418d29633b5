// The handoff card (`#/handoff-card/ID`) against the FakeBaton: who, priority, why, the countdown,
// and Accept / Decline / Open; it closes itself when the offer is answered or gone.
import { act, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { startBatonClient } from '../services/baton-client';
import { startTicking } from '../stores/now-store';
import { FakeBaton } from '../testing/fake-baton';
import { FIXTURE_NOW, makeInboxItem } from '../testing/handoff-fixtures';
import { setupUser } from '../testing/user';
import { resetStores } from '../testing/workspace-harness';
import { CARD_DECLINE_REASON, HandoffCard, handoffCardId, openedHandoffId } from './handoff-card';

vi.setConfig({ testTimeout: 20_000 });

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
  window.location.hash = '';
});

function mountCard(handoffId: string, items = [makeInboxItem({ id: 'h1', customerName: 'Dana Whitfield', priority: 'P1', expiresInSeconds: 25 })]) {
  resetStores();
  const fake = new FakeBaton(items);
  const clock = new ManualClock(FIXTURE_NOW);
  const client = startBatonClient(fake.api);
  const stopTicking = startTicking(clock);
  const onDone = vi.fn();
  const view = render(<HandoffCard handoffId={handoffId} onDone={onDone} />);
  cleanup = async () => {
    view.unmount();
    stopTicking();
    await client.dispose();
    resetStores();
  };
  return { fake, clock, onDone };
}

describe('handoff card', () => {
  it('reads its handoff from the address', () => {
    expect(handoffCardId('#/handoff-card/h%201')).toBe('h 1');
    expect(handoffCardId('#/')).toBeNull();
    expect(openedHandoffId('#/handoff/h1')).toBe('h1');
    expect(openedHandoffId('#/handoff-card/h1')).toBeNull();
  });

  it('shows customer, priority, reason and a live countdown; Accept has focus and accepts', async () => {
    const { fake, clock, onDone } = mountCard('h1');
    const card = await screen.findByRole('region', { name: 'Dana Whitfield' });
    expect(card.textContent).toContain('P1');
    expect(card.textContent).toContain('Premium');
    expect(card.textContent).toContain('Negative sentiment');
    expect(card.textContent).toContain('Rule: negative-premium');
    expect(card.textContent).toContain('Expires in 0:25');
    act(() => clock.advance(5_000));
    expect(card.textContent).toContain('Expires in 0:20');
    const accept = screen.getByRole('button', { name: 'Accept' });
    await waitFor(() => expect(document.activeElement).toBe(accept));

    await setupUser().keyboard('{Enter}');
    expect((await screen.findByRole('status')).textContent).toContain('Accepted');
    expect(fake.callsOf('handoffs:accept')).toEqual([{ handoffId: 'h1' }]);
    expect(onDone).toHaveBeenCalled();
  });

  it('declines with the card reason', async () => {
    const { fake, onDone } = mountCard('h1');
    await screen.findByRole('region', { name: 'Dana Whitfield' });
    await setupUser().click(screen.getByRole('button', { name: 'Decline' }));
    expect((await screen.findByRole('status')).textContent).toBe('Declined.');
    expect(fake.callsOf('handoffs:decline')).toEqual([{ handoffId: 'h1', reason: CARD_DECLINE_REASON }]);
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('Open moves the address to the handoff in the workspace', async () => {
    mountCard('h1');
    await screen.findByRole('region', { name: 'Dana Whitfield' });
    await setupUser().click(screen.getByRole('button', { name: 'Open' }));
    expect(window.location.hash).toBe('#/handoff/h1');
  });

  it('closes itself when the offer is withdrawn, or was gone already', async () => {
    const { fake, onDone } = mountCard('h1');
    await screen.findByRole('region', { name: 'Dana Whitfield' });
    act(() => fake.emit('offer:revoked', { handoffId: 'h1', reason: 'accepted_elsewhere' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(screen.getByRole('status').textContent).toContain('no longer waiting');
    await cleanup?.();

    const gone = mountCard('nope');
    await waitFor(() => expect(gone.onDone).toHaveBeenCalled());
  });
});
