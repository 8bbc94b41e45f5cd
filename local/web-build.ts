/** The web app's build (`npm run build:web` → web/dist), redone only when a source it bundles is newer. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webBuild } from './api-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What the bundle is made of: the app, and the shared code it imports (catalogues, labels, the draw verifier). */
const sourceFolders = ['web', 'shared'].map((folder) => join(root, folder));

function newestSource(): number {
  let newest = 0;
  for (const folder of sourceFolders) {
    for (const path of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
      if (path.startsWith('dist')) continue;
      newest = Math.max(newest, statSync(join(folder, path)).mtimeMs);
    }
  }
  return newest;
}

/** Builds the web app when its build is missing or older than a source; false when the build failed. */
export function buildWebIfStale(): boolean {
  if (!existsSync(join(root, 'web', 'index.html'))) return true;
  const built = join(webBuild, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return true;
  console.log('Building the web app (npm run build:web) ...');
  return spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit', cwd: root }).status === 0;
}
