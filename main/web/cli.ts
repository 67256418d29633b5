// Entry point of `npm run web`: starts the services and the browser host, prints where it listens
// (the e2e tests wait for the "Baton is running at" line), and shuts down cleanly on Ctrl+C.
import { consoleLogger } from '../services/logger';
import { SettingsStore } from '../services/settings/settings-store';
import { parseWebCliArgs, withSavedHub, WEB_USAGE } from './cli-options';
import { startWebHost, webHostPlugins } from './web-host';

async function main(): Promise<void> {
  let options;
  try {
    options = parseWebCliArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`baton web: ${error instanceof Error ? error.message : String(error)}\n\n${WEB_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.kind === 'help') {
    console.log(WEB_USAGE);
    return;
  }
  // The settings live in the data folder; a hub saved there is used when the flags name none.
  const settings = await SettingsStore.open(options.config.dataDir, { log: consoleLogger });
  options = withSavedHub(options, { url: settings.current().hub.url, token: settings.hubToken() });
  for (const note of options.notes) console.log(note);
  // Model manager seams (docs/models.md): say where optional models come from when not the default.
  if (process.env.BATON_MODEL_CATALOG_URL) console.log(`Optional models are downloaded from ${process.env.BATON_MODEL_CATALOG_URL} (BATON_MODEL_CATALOG_URL).`);
  if (process.env.BATON_MODELS_DIR) console.log(`Models installed by IT are read from ${process.env.BATON_MODELS_DIR} (BATON_MODELS_DIR).`);

  const host = await startWebHost({ port: options.port, config: options.config, log: consoleLogger, plugins: webHostPlugins(settings) });
  const services = host.services!;
  const session = services.session();
  if (services.demo) {
    console.log(`Demo hub at ${services.demo.hubUrl}; signed in as ${session.role === 'supervisor' ? 'Sam Okafor (supervisor)' : 'Alex Rivera (agent)'}. Data: ${services.config.dataDir}`);
  } else {
    console.log(`Linked to hub ${services.config.hubUrl}. Data: ${services.config.dataDir}`);
  }
  console.log(`Baton is running at ${host.url}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`\n${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    host.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('baton web: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`baton web: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
