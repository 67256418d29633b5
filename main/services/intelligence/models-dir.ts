// Where models live. The built-in models: in a source checkout (tests, CLI, browser host) the
// repo's models/ folder, found by walking up from this file. IT's folder of hand-installed models:
// BATON_MODELS_DIR (listed by the model manager beside the built-in and downloaded ones).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const IT_MODELS_DIR_ENV = 'BATON_MODELS_DIR';

export function builtInModelsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'models', 'baton-sentiment-mini'))) return join(dir, 'models');
    dir = dirname(dir);
  }
  return resolve(process.cwd(), 'models');
}

/** The folder IT fills by hand, or null when BATON_MODELS_DIR is not set. */
export function itModelsDir(env: Record<string, string | undefined> = process.env): string | null {
  const fromEnv = env[IT_MODELS_DIR_ENV]?.trim();
  return fromEnv ? resolve(fromEnv) : null;
}
