// Types for electron-runtime.mjs (plain ESM so dist.mjs runs under bare node).
export type ElectronRuntime =
  | { kind: 'dist'; path: string; source: string }
  | { kind: 'cache'; path: string }
  | { kind: 'missing'; message: string };
export declare function resolveElectronRuntime(input: {
  env: Record<string, string | undefined>;
  projectDir: string;
  platform: string;
  arch: string;
  electronVersion: string | undefined;
  exists: (path: string) => boolean;
}): ElectronRuntime;
