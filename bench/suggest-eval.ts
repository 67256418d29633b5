// `npm run eval:suggest -- --data FILE [--library FILE] [--json]`: top-1 / top-3 hit rate of the reply
// suggestions on (customer message, expected reply id) pairs, a TSV with header label<TAB>text where
// the label is the expected reply id. Runs the real path: model worker embeddings + ranker + the
// default library, plus a team's library file (Settings → Reply library → Export) when given.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkerIntelligenceService } from '../main/services/intelligence/intelligence-service';
import { builtInModelsDir } from '../main/services/intelligence/models-dir';
import { defaultReplyLibrary, parseReplyLibrary, type ReplyMacro } from '../main/services/intelligence/reply-library';
import { ReplySuggester } from '../main/services/intelligence/reply-suggester';
import { InMemoryReplyUsage } from '../main/services/intelligence/reply-usage';
import { readLabelledFile } from '../training/text/labelled-file';

export interface SuggestEvaluation {
  pairs: number;
  top1: number;
  top3: number;
  misses: { text: string; expected: string; got: string[] }[];
}

export async function evaluateSuggestions(file: string, options: { modelsDir?: string; library?: ReplyMacro[] } = {}): Promise<SuggestEvaluation> {
  const library = options.library ?? defaultReplyLibrary();
  const ids = library.map((m) => m.id);
  const rows = readLabelledFile(file, { allowedLabels: ids });
  const service = new WorkerIntelligenceService({ modelsDir: options.modelsDir ?? builtInModelsDir() });
  try {
    const suggester = new ReplySuggester((t) => service.embed(t), library, new InMemoryReplyUsage());
    let top1 = 0;
    let top3 = 0;
    const misses: SuggestEvaluation['misses'] = [];
    for (const row of rows) {
      const ranked = (await suggester.rankText([row.text], undefined, 3)).map((r) => r.id);
      if (ranked[0] === row.label) top1++;
      if (ranked.includes(row.label)) top3++;
      else misses.push({ text: row.text, expected: row.label, got: ranked });
    }
    return { pairs: rows.length, top1: top1 / rows.length, top3: top3 / rows.length, misses };
  } finally {
    await service.dispose();
  }
}

/** The defaults with a team's library file on top (a team macro with a default's id replaces it). */
export function libraryWithTeamFile(file: string): ReplyMacro[] {
  const parsed = parseReplyLibrary(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`);
  const team = new Set(parsed.library.map((m) => m.id));
  return [...defaultReplyLibrary().filter((m) => !team.has(m.id)), ...parsed.library];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, library: { type: 'string' }, json: { type: 'boolean', default: false }, verbose: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`eval:suggest: ${(error as Error).message}`);
    process.exit(2);
  }
  if (!values.data) {
    console.error('usage: npm run eval:suggest -- --data FILE [--library LIBRARY.json] [--json] [--verbose]   (FILE: TSV label<TAB>text, label = expected reply id)');
    process.exit(2);
  }
  try {
    const r = await evaluateSuggestions(resolve(values.data), values.library ? { library: libraryWithTeamFile(resolve(values.library)) } : {});
    console.log(`${r.pairs} pairs from ${values.data}: top-1 ${(r.top1 * 100).toFixed(1)}%  top-3 ${(r.top3 * 100).toFixed(1)}%`);
    if (values.verbose) for (const m of r.misses) console.log(`  miss: ${m.expected} <- ${JSON.stringify(m.text)} (got ${m.got.join(', ')})`);
    if (values.json) console.log(JSON.stringify({ pairs: r.pairs, top1: r.top1, top3: r.top3 }));
  } catch (error) {
    console.error(`eval:suggest: ${(error as Error).message}`);
    process.exitCode = 1;
  }
}
