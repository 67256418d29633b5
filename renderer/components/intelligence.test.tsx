// Suggestions and mood from the on-device models, as the workspace shows them, and how it
// behaves when the models cannot answer.
import { act, screen, waitFor, within } from '@testing-library/react';
import { setupUser } from '../testing/user';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { mountWorkspace, type Workspace } from '../testing/workspace-harness';

// Whole-workspace renders are slow in jsdom on a busy 2-core machine; these are not timing tests.
vi.setConfig({ testTimeout: 20_000 });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.dispose();
  workspace = null;
});

async function openConversation(ws: Workspace, name: string) {
  const user = setupUser();
  const row = await screen.findByRole('article', { name });
  await user.click(within(row).getByRole('button', { name: 'Accept' }));
  await screen.findByRole('heading', { level: 2, name });
  return user;
}

describe('reply suggestions and mood', () => {
  it('offers suggestion chips that fill the draft, and reports the one that was sent', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana', withSentiment: false })]);
    workspace.fake.suggestions.set('h1', [
      { replyId: 'refund-eta', title: 'Refund timeline', intent: 'refund_status', text: 'Your refund of £129.00 is on its way.', missing: [], score: 0.91 },
      { replyId: 'apology', title: 'Apologise', intent: 'complaint', text: 'I am sorry, [[firstName]].', missing: ['firstName'], score: 0.7 },
    ]);
    workspace.fake.trends.set('h1', {
      points: [{ messageId: 'h1-m3', at: '2026-01-05T08:58:00.000Z', sentiment: { label: 'negative', score: -0.8, source: 'baton-sentiment-mini' } }],
      average: -0.8,
      slope: -0.3,
      falling: true,
    });
    const user = await openConversation(workspace, 'Dana');

    const chips = await screen.findByRole('list', { name: 'Suggested replies' });
    await user.click(within(chips).getByRole('button', { name: 'Apologise' }));
    expect(screen.getByText('Fill in before sending: firstName')).toBeTruthy();
    await user.click(within(chips).getByRole('button', { name: 'Refund timeline' }));
    const box = screen.getByLabelText('Reply to Dana') as HTMLTextAreaElement;
    expect(box.value).toBe('Your refund of £129.00 is on its way.');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(() => expect(workspace!.fake.callsOf('suggestions:used')).toEqual([{ handoffId: 'h1', replyId: 'refund-eta' }]));

    // The on-device score marks the message the platform did not score, and the header shows the trend.
    const transcript = screen.getByRole('region', { name: 'Transcript' });
    const third = within(transcript).getByText('Five days is not acceptable. I want a person.').closest('li')!;
    expect(within(third).getByText('Upset')).toBeTruthy();
    const first = within(transcript).getByText('I was charged twice for my order!').closest('li')!;
    expect(within(first).queryByText('Upset')).toBeNull();
    expect(screen.getByText('Mood: Upset, getting worse')).toBeTruthy();
  });

  it('shows no suggestions and no mood when the models are not available', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana', withSentiment: false })]);
    await openConversation(workspace, 'Dana');
    await waitFor(() => expect(workspace!.fake.callsOf('sentiment:trend')).toHaveLength(1));
    expect(screen.queryByRole('list', { name: 'Suggested replies' })).toBeNull();
    expect(screen.queryByText(/^Mood:/)).toBeNull();
    const transcript = screen.getByRole('region', { name: 'Transcript' });
    expect(within(transcript).queryByText('Upset')).toBeNull();
    // Unavailable models are not an error the agent must dismiss.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says why suggestions are off when the intelligence service reports the model unavailable', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    await openConversation(workspace, 'Dana');
    act(() =>
      workspace!.fake.emit('intelligence:status', {
        sentiment: { model: 'baton-sentiment-mini', state: 'ready' },
        embeddings: { model: 'baton-embed-mini', state: 'unavailable', reason: 'models/baton-embed-mini/model.onnx is missing' },
        worker: { running: true, restarts: 0 },
      }),
    );
    expect(await screen.findByText('Reply suggestions are off: models/baton-embed-mini/model.onnx is missing')).toBeTruthy();
  });

  it('says mood is unavailable, with the reason, when the sentiment model cannot run', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana', withSentiment: false })]);
    await openConversation(workspace, 'Dana');
    expect(screen.queryByText(/^Mood unavailable/)).toBeNull();
    act(() =>
      workspace!.fake.emit('intelligence:status', {
        sentiment: { model: 'baton-sentiment-mini', state: 'unavailable', reason: 'onnx/model.onnx is missing' },
        embeddings: { model: 'baton-embed-mini', state: 'ready' },
        worker: { running: true, restarts: 0 },
      }),
    );
    expect(await screen.findByText('Mood unavailable: onnx/model.onnx is missing')).toBeTruthy();
    expect(screen.queryByText(/^Mood:/)).toBeNull();
  });

  it('asks again when a new customer message arrives', async () => {
    workspace = mountWorkspace([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    await openConversation(workspace, 'Dana');
    await waitFor(() => expect(workspace!.fake.callsOf('suggestions:get')).toHaveLength(1));
    workspace.fake.suggestions.set('h1', [{ replyId: 'x', title: 'Check order', intent: 'order', text: 'Let me check.', missing: [], score: 1 }]);
    act(() =>
      workspace!.fake.emit('message:received', {
        handoffId: 'h1',
        message: { id: 'new-1', author: 'customer', text: 'Hello?', at: '2026-01-05T09:00:05.000Z' },
      }),
    );
    expect(await screen.findByRole('button', { name: 'Check order' })).toBeTruthy();
  });
});
