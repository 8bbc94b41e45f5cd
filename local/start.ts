/** `npm start`: the whole system on this machine, data kept in .local-data/ across restarts. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { demoAccounts, seedDemoData, type DemoCode } from './demo-data.ts';
import { startLocalSchedules } from './schedules.ts';
import { buildWebIfStale } from './web-build.ts';
import { endpointsFile, startLocalStack } from './stack.ts';

const dataDir = resolve(process.env.LOCAL_DATA_DIR ?? '.local-data');
const port = Number(process.env.PORT ?? 3000);
const demoCodesFile = join(dataDir, 'demo-codes.json');

async function main() {
  if (!buildWebIfStale()) console.error('The web app did not build; its pages say how to build it. The API works meanwhile.');
  console.log(`Starting DynamoDB Local and the S3 emulator (data in ${dataDir}) ...`);
  const stack = await startLocalStack({ dataDir, port });
  // Lets `npm run import` write into this running stack instead of starting a second DynamoDB on the same files.
  writeFileSync(endpointsFile(dataDir), JSON.stringify({ dynamodb: stack.dynamoEndpoint, s3: stack.s3Endpoint, baseUrl: stack.baseUrl }));
  const schedules = startLocalSchedules(stack.jobs, (line) => console.log(line));
  let stopping = false;
  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    rmSync(endpointsFile(dataDir), { force: true });
    schedules.stop();
    await stack.stop();
    process.exit(exitCode);
  };
  // Ctrl-C signals the whole process group: tsx relays the same signal a moment later, stop once.
  const stopOn = (signal: NodeJS.Signals) => {
    if (!stopping) console.log(`\n${signal}: stopping ...`);
    void stop(0);
  };
  process.on('SIGINT', stopOn);
  process.on('SIGTERM', stopOn);
  // Every request would fail with a 500: say what died and stop, rather than serve on half a stack.
  void stack.died.then((what) => {
    if (stopping) return;
    console.error(`\n${what}\nEvery request needs it, so the local stack stops now. Start it again with npm start: the data in ${dataDir} is kept.`);
    console.error('If it dies again, the output above says why; common causes are too little free memory (it may use 1 GB) or a full disk.');
    void stop(1);
  });

  const seeded = await seedDemoData(stack.drawServices, stack.riskServices, stack.baseUrl);
  if (seeded.codes.length > 0) writeFileSync(demoCodesFile, JSON.stringify(seeded, null, 2));
  const demo: { codes: DemoCode[]; drawId?: string } = seeded.codes.length > 0 ? seeded : existsSync(demoCodesFile) ? JSON.parse(readFileSync(demoCodesFile, 'utf8')) : { codes: [] };
  // Codes carry the URL of the port they were issued on; show them on this one.
  const here = (url: string) => stack.baseUrl + new URL(url).pathname;

  console.log('\nDemo codes (open on a phone-sized browser; add ?lang=en for English):');
  for (const code of demo.codes) console.log(`  ${code.state.padEnd(26)} ${here(code.url)}  ${code.entity}`);
  if (demo.drawId) {
    console.log(`\nDemo draw: ${stack.baseUrl}/draws/${demo.drawId}  (verify: ${stack.baseUrl}/draws/${demo.drawId}/verify,`);
    console.log(`  or with no trust in this server: npm run verify-draw -- ${stack.baseUrl}/draws/${demo.drawId})`);
  }
  console.log(`\nWarning clues (a supervisor's token): ${stack.baseUrl}/warnings · the bakery's camera alerts: ${stack.baseUrl}/alerts?entityId=demo-bakery`);
  console.log('  sweeps on demand: npm run job -- warn · npm run job -- trigger (they also run on the schedules of cdk.json)');
  console.log(`\nWeb app: ${stack.baseUrl}/ — sign in with a demo account (no password); by login_hint:`);
  for (const account of demoAccounts.filter((a) => !a.folded)) console.log(`  ${account.id.padEnd(22)} ${account.principal.role.padEnd(10)} ${account.name}`);
  const street = demoAccounts.filter((a) => a.folded);
  if (street.length) console.log(`  and the owners of the draw's street, ${street[0]!.id} … ${street.at(-1)!.id}`);
  console.log(`\nTokens: curl -s -X POST ${stack.baseUrl}/dev/tokens -H 'content-type: application/json' -d '{"role":"supervisor","subject":"me"}'`);
  console.log(`API description: ${stack.baseUrl}/openapi.json`);
  const sample = demo.codes[0] ? here(demo.codes[0].url) : `${stack.baseUrl}/openapi.json`;
  console.log(`ready ${stack.baseUrl} — sample scan: ${sample}`);
}

main().catch((error: Error) => {
  console.error(`Could not start: ${error.message}`);
  process.exit(1);
});
