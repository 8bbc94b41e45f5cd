/**
 * DynamoDB Local, the real engine: the jar ships inside the `amplify-dynamodb-simulator` npm package and runs on
 * the machine's Java. Listening on 127.0.0.1 only (DynamoDbLocalOnLoopback.java), stopped with its parent.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { createDocumentClient } from '../shared/store/dynamodb-keys.ts';
import { freePort, localAwsConfig } from './loopback.ts';

export interface RunningEngine {
  endpoint: string;
  stop(): Promise<void>;
}

/** An engine running as a child process, which may die on its own (killed, out of memory, its files corrupt). */
export interface ChildEngine extends RunningEngine {
  /** Settles, with what happened and the engine's last output, only if the engine exits without being stopped. */
  died: Promise<string>;
}

// A JDK, not a bare runtime: the loopback launcher runs through Java's source launcher, which needs jdk.compiler.
const installJava = 'apt-get install -y openjdk-17-jdk-headless';

export function findJava(): string {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const probe = spawnSync(java, ['--list-modules'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(`DynamoDB Local needs Java (17 or newer) and none was found. Install it with: ${installJava}`);
  }
  if (!/^jdk\.compiler@/m.test(probe.stdout)) {
    throw new Error(`DynamoDB Local's loopback launcher needs a Java development kit (jdk.compiler), and this Java is a runtime only. Install one with: ${installJava}`);
  }
  return java;
}

/**
 * Java runs under a small shell watchdog holding a pipe from this process: when the pipe closes, because we stop
 * or because this process dies in any way (Ctrl-C, SIGKILL, a crash), the watchdog kills Java. Exit handlers
 * alone do not run on SIGKILL or an unhandled signal, and an orphaned DynamoDB Local would keep its port and files.
 */
// Background jobs of a non-interactive sh read /dev/null, so the pipe is kept on fd 3 for the watching subshell.
const watchdog = 'exec 3<&0; java=$1; shift; "$java" "$@" & pid=$!; (read -r _ <&3; kill $pid 2>/dev/null) & wait $pid';

export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<ChildEngine> {
  const java = findJava();
  const emulator = join(dirname(createRequire(import.meta.url).resolve('amplify-dynamodb-simulator/package.json')), 'emulator');
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  // Through the loopback launcher beside this file: the jar alone would listen on every interface.
  const launcher = fileURLToPath(new URL('DynamoDbLocalOnLoopback.java', import.meta.url));
  const jvm = ['-Xms64m', '-Xmx1g', `-Djava.library.path=${join(emulator, 'DynamoDBLocal_lib')}`, '-cp', join(emulator, 'DynamoDBLocal.jar')];
  const javaArgs = [...jvm, launcher, '-port', String(port), '-sharedDb', '-disableTelemetry', ...storage];
  // Detached, in a process group of its own: Ctrl-C reaches only this process, which stops the engines in order,
  // instead of killing Java at the same moment as if it had died.
  const child = spawn('sh', ['-c', watchdog, 'dynamodb-local', java, ...javaArgs], { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const died = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `killed by ${signal}` : code === 137 ? 'killed (exit code 137: SIGKILL, often the system out of memory)' : `exit code ${code}`;
      resolve(`DynamoDB Local (Java, ${endpoint}) stopped unexpectedly: ${how}.${output.trim() ? ` Its last output:\n${output.trim()}` : ''}`);
    }),
  );

  await waitUntilServing(endpoint, child, () => output);
  return {
    endpoint,
    died,
    async stop() {
      stopping = true;
      // Closing the watchdog's pipe makes it stop Java and wait for it.
      if (child.exitCode === null && child.signalCode === null) child.stdin!.end();
      await exited;
    },
  };
}

async function waitUntilServing(endpoint: string, child: ChildProcess, output: () => string) {
  const client = createDocumentClient({ endpoint, ...localAwsConfig });
  const deadline = Date.now() + 60_000;
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited (code ${child.exitCode}):\n${output()}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer on ${endpoint} within 60 s:\n${output()}`);
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
    }
  } finally {
    client.destroy();
  }
}

/** Where a running `npm start` records its engines, so that the import and job commands write into the same DynamoDB. */
export const endpointsFile = (dataDir: string) => join(dataDir, 'endpoints.json');

/** The running local stack's DynamoDB if there is one, else one started here on the same data folder. */
export async function localDynamoDb(dataDir: string): Promise<{ endpoint: string; engine?: RunningEngine }> {
  if (existsSync(endpointsFile(dataDir))) {
    const { dynamodb } = JSON.parse(readFileSync(endpointsFile(dataDir), 'utf8')) as { dynamodb: string };
    const client = createDocumentClient({ endpoint: dynamodb, ...localAwsConfig });
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return { endpoint: dynamodb };
    } catch {
      // npm start is not running any more: start our own below.
    } finally {
      client.destroy();
    }
  }
  const engine = await startDynamoDbLocal({ dataDir: join(dataDir, 'dynamodb') });
  return { endpoint: engine.endpoint, engine };
}
