// Where the built-in models live. In a source checkout (tests, CLI, browser host) that is the
// repo's models/ folder; the packaged app passes its resources path instead. BATON_MODELS_DIR
// lets IT point Baton at a folder they fill by hand.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function builtInModelsDir(): string {
  const fromEnv = process.env.BATON_MODELS_DIR;
  if (fromEnv) return resolve(fromEnv);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'models', 'baton-sentiment-mini'))) return join(dir, 'models');
    dir = dirname(dir);
  }
  return resolve(process.cwd(), 'models');
}
