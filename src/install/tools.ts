/** Running the user's own tools (package manager, pre-commit, husky) with their output captured. */
import { spawn } from 'node:child_process';

export interface ToolResult {
  code: number;
  output: string;
  missing: boolean;
}

/** Run `command args` in `cwd`; never throws (a missing tool is reported as `missing`). */
export function runTool(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv
): Promise<ToolResult> {
  return new Promise((resolve) => {
    // Windows package managers are .cmd shims that need a shell; elsewhere argv arrays only.
    const child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32'
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ code: -1, output: error.message, missing: error.code === 'ENOENT' })
    );
    child.on('close', (code) =>
      resolve({ code: code ?? -1, output: Buffer.concat(chunks).toString('utf8'), missing: false })
    );
  });
}

/** Last few lines of a tool's output, for an error message. */
export function tail(output: string, lines = 6): string {
  return output
    .trim()
    .split('\n')
    .slice(-lines)
    .map((line) => `    ${line}`)
    .join('\n');
}
