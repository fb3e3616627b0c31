// Fails when src/api/schema.d.ts is not what `npm run gen:api` makes from
// docs/openapi.yaml today (the API client's types are generated, not written).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lms-api-'));
try {
  const out = join(dir, 'schema.d.ts');
  execFileSync(join(web, 'node_modules', '.bin', 'openapi-typescript'), ['../docs/openapi.yaml', '-o', out, '--silent'], { cwd: web, stdio: 'inherit' });
  const want = readFileSync(out, 'utf8');
  const have = readFileSync(join(web, 'src', 'api', 'schema.d.ts'), 'utf8');
  if (want !== have) {
    console.error('web/src/api/schema.d.ts is out of date with docs/openapi.yaml: run `npm run gen:api` in web/ and commit the result.');
    process.exit(1);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
