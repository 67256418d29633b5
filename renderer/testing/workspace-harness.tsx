// Mounts the whole workspace against a FakeBaton with a manual clock, and undoes it all after
// each test: stores reset, subscriptions released, the ticker stopped.
import { configure, render } from '@testing-library/react';
import type { InboxItem } from '../../shared/api';
import { ManualClock } from '../../shared/clock';
import { App } from '../components/app';
import { startBatonClient } from '../services/baton-client';
import { startDraftAutosave } from '../services/draft-autosave';
import { useConversationStore } from '../stores/conversation-store';
import { useInboxStore } from '../stores/inbox-store';
import { useIntelligenceStore } from '../stores/intelligence-store';
import { useNotesStore } from '../stores/notes-store';
import { startTicking } from '../stores/now-store';
import { useSessionStore } from '../stores/session-store';
import { useUiStore } from '../stores/ui-store';
import { FakeBaton } from './fake-baton';
import { FIXTURE_NOW } from './handoff-fixtures';

// findBy*/waitFor give up after 1 s by default: too short for a busy CI machine, and waiting
// longer costs nothing when the UI is quick.
configure({ asyncUtilTimeout: 5_000 });

export interface Workspace {
  fake: FakeBaton;
  clock: ManualClock;
  unmount(): void;
  dispose(): Promise<void>;
}

export function resetStores(): void {
  useSessionStore.getState().reset();
  useInboxStore.getState().reset();
  useConversationStore.getState().reset();
  useUiStore.getState().reset();
  useIntelligenceStore.getState().reset();
  useNotesStore.getState().reset();
}

export function mountWorkspace(items: InboxItem[] = [], options: { browserHost?: boolean } = {}): Workspace {
  resetStores();
  const fake = new FakeBaton(items);
  const clock = new ManualClock(FIXTURE_NOW);
  const client = startBatonClient(fake.api);
  const stopTicking = startTicking(clock);
  const stopAutosave = startDraftAutosave(clock);
  const view = render(<App browserHost={options.browserHost ?? false} />);
  return {
    fake,
    clock,
    unmount: () => view.unmount(),
    async dispose() {
      view.unmount();
      stopAutosave();
      stopTicking();
      await client.dispose();
      resetStores();
    },
  };
}
