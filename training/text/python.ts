// Runs the Debian Python (numpy + onnx from apt: python3-numpy python3-onnx) for the training
// steps; the first python3 on PATH may be another interpreter without those packages.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PYTHON = process.env.BATON_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

export function runPython(script: string, args: string[]): void {
  console.log(`$ ${PYTHON} ${script} ${args.join(' ')}`);
  const result = spawnSync(PYTHON, [script, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${script} failed (exit ${result.status ?? result.signal}); it needs numpy and onnx: apt-get install -y python3-numpy python3-onnx`);
  }
}
