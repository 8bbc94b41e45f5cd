/** `npm start` as a user runs it: `local/start.ts` in a process of its own, its output kept. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface StartedLocally {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output: () => string;
  readyLine: string;
}

/**
 * Starts `local/start.ts` on `port` with its data in `dataDir` and waits for its ready line. `detached` puts it in a
 * process group of its own, as a terminal does a command (Ctrl-C signals the whole group).
 */
export async function startLocally(options: { port: number; dataDir: string; env?: Record<string, string>; detached?: boolean }): Promise<StartedLocally> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, PORT: String(options.port), LOCAL_DATA_DIR: options.dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const readyLine = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ready line within 90 s:\n${output}`)), 90_000);
    child.stdout!.on('data', () => {
      const line = output.split('\n').find((l) => l.startsWith('ready '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  return { child, output: () => output, readyLine };
}

/** The exit code once `child` has exited. */
export const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));

/** The DynamoDB Local (Java) processes running on a data folder, one pid a line. */
export const javaProcessesFor = (dataDir: string) => spawnSync('pgrep', ['-f', `DynamoDBLocal.jar.*${dataDir}`], { encoding: 'utf8' }).stdout.trim();
