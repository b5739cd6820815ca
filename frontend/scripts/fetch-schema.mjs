// Refreshes schema.graphql from a running SnapGPU: node scripts/fetch-schema.mjs [baseUrl]
// (the schema is public, no login needed). Then run `npm run codegen`.
import { writeFile } from 'node:fs/promises';

const base = process.argv[2] ?? process.env.SNAPGPU_URL ?? 'http://localhost:8080';
const res = await fetch(new URL('/graphql/schema.graphql', base));
if (!res.ok) {
  console.error(`GET ${base}/graphql/schema.graphql answered ${res.status}`);
  process.exit(1);
}
await writeFile(new URL('../schema.graphql', import.meta.url), await res.text());
console.log('schema.graphql updated; now run: npm run codegen');
