// Which model each task uses, kept across restarts in a small JSON file in the data folder. Written
// atomically (temporary file, then rename) so a crash mid-write leaves the old choice, never half.
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ModelId } from '../../../shared/models';
import { describeZodError } from '../../../shared/result';

export const MODEL_CHOICE_FILE = 'model-choice.json';

export const ModelChoice = z.object({ version: z.literal(1), sentiment: ModelId, embeddings: ModelId });
export type ModelChoice = z.infer<typeof ModelChoice>;

/** The saved choice, or null (no file yet, or a file that is not a valid choice: `problem` says why). */
export function readModelChoice(dataDir: string): { choice: ModelChoice | null; problem?: string } {
  const path = join(dataDir, MODEL_CHOICE_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { choice: null };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { choice: null, problem: `${path} is not valid JSON (${(error as Error).message}); using the built-in models` };
  }
  const parsed = ModelChoice.safeParse(raw);
  if (!parsed.success) return { choice: null, problem: `${path}: ${describeZodError(parsed.error)}; using the built-in models` };
  return { choice: parsed.data };
}

export async function writeModelChoice(dataDir: string, choice: ModelChoice): Promise<void> {
  const path = join(dataDir, MODEL_CHOICE_FILE);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, `${JSON.stringify(ModelChoice.parse(choice), null, 2)}\n`);
  await rename(temp, path);
}
