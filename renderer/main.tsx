// Renderer entry. Evaluating the whole bundle at once (React DOM, then zod building every schema of
// the contract, then the app) was one task of 250-450 ms before the first paint, and a page cannot
// answer input or paint while a task runs. So the entry loads the bundle in stages, each a chunk
// evaluated in a task of its own, with a yield to the browser between them; ES modules are
// evaluated once, so when start-app.tsx imports these modules they are already there.
// The styles stay here, so the page links them from the start as before.
import './styles/theme.css';
import './styles/layout.css';
import './styles/components.css';

/** In the order the modules depend on each other; the heaviest schema files each get a stage. */
const STAGES: (() => Promise<unknown>)[] = [
  () => import('react-dom/client'),
  () => import('../shared/result'),
  () => import('../shared/domain'),
  () => import('../shared/supervision'),
  () => import('../shared/intelligence'),
  () => import('../shared/settings').then(() => import('../shared/models')),
  () => import('../shared/hub-protocol'),
  () => import('../shared/api'),
];

function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function boot(): Promise<void> {
  for (const stage of STAGES) {
    await stage();
    await yieldToBrowser();
  }
  const { startApp } = await import('./start-app');
  startApp();
}

boot().catch((error: unknown) => {
  console.error('baton: the renderer could not start', error);
  const root = document.getElementById('root');
  if (root) root.textContent = `Baton could not start: ${error instanceof Error ? error.message : String(error)}. Reload the page to try again.`;
});
