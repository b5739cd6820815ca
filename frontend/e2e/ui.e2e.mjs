// End-to-end test of the web UI in Debian's Chromium (never a downloaded browser), against a running
// SnapGPU. Started by WebUiIT (failsafe) on the packaged app; can also be run by hand:
//   SNAPGPU_URL=http://localhost:8080 SNAPGPU_PASSWORD=... SNAPGPU_API_KEY=... SNAPGPU_DATA_DIR=... npm run e2e
// Scenario: log in, launch a race on the local provider and watch the board until a winner, take a
// snapshot, restore it onto the machine and watch the progress reach 100 %, change backup settings and see
// the server's validation error at the field; add an SSH key (a private one is refused at the field), open
// the Connect panel and the browser terminal on the raced machine (ls shows the restored workspace, UTF-8,
// resize, close), meet another tenant's machine (an error, no terminal) and a WebSocket without credentials
// (refused); a screenshot of every screen; no console errors.
import { chromium } from 'playwright-core';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`set ${name}`);
  return v;
};
const base = env('SNAPGPU_URL');
const username = env('SNAPGPU_USER', 'admin');
const password = env('SNAPGPU_PASSWORD');
const apiKey = env('SNAPGPU_API_KEY');
const dataDir = env('SNAPGPU_DATA_DIR');
const shots = env('SCREENSHOT_DIR', 'target/e2e-screenshots');
const executablePath = env('CHROMIUM', '/usr/bin/chromium');
const T = Number(env('E2E_STEP_TIMEOUT_MS', '60000'));

const consoleErrors = [];
let step = 'start';
const log = (m) => console.log(`[e2e] ${m}`);

async function gql(query, variables = {}) {
  const res = await fetch(new URL('/graphql', base), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed in step "${step}": ${message}`);
}

await mkdir(shots, { recursive: true });
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const context = await browser.newContext({ viewport: DESKTOP });
context.setDefaultTimeout(T);
const page = await context.newPage();
page.on('console', (m) => {
  if (m.type() === 'error') consoleErrors.push(`${m.text()} (${m.location()?.url ?? ''})`);
});
page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
const shot = async (name) => {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  log(`screenshot ${name}.png`);
};
const go = async (label) => {
  // on a phone the navigation sits behind the burger
  const burger = page.getByRole('button', { name: 'Menu' });
  if (await burger.isVisible()) await burger.click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true }).click();
};
// what a task needs must be on screen: no horizontal scrolling, every key button inside the viewport's width
const withinViewport = async (what, locators) => {
  const width = page.viewportSize().width;
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(scroll <= width + 1, `${what}: the page scrolls sideways (${scroll} px wide at ${width})`);
  for (const l of locators) {
    const box = await l.first().boundingBox();
    assert(box, `${what}: ${l} is shown`);
    assert(box.x >= 0 && box.x + box.width <= width + 1, `${what}: ${l} inside the viewport (x ${box.x}, w ${box.width}, viewport ${width})`);
  }
};

let failed = false;
try {
  step = 'login';
  await page.goto(base);
  await page.getByLabel('Password').waitFor();
  await shot('01-login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'Machines' }).waitFor();
  await page.getByText('No machines yet').or(page.getByRole('table', { name: 'Machines' })).waitFor();
  await shot('02-machines-empty');

  step = 'offers';
  await go('Offers');
  await page.getByRole('table', { name: 'Offers' }).waitFor();
  await page.locator('input[name="providers"]').fill('local');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('table', { name: 'Offers' }).locator('tbody tr').first().waitFor();
  await page.locator('select[name="sort"]').selectOption('RELIABILITY');
  await page.getByRole('table', { name: 'Offers' }).locator('tbody tr').first().waitFor();
  // an out-of-range filter: the server's message is shown at the field
  await page.locator('input[name="reliabilityMin"]').fill('7');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#err-reliabilityMin').waitFor();
  assert(/between 0 and 1/.test(await page.locator('#err-reliabilityMin').innerText()), 'reliability error at its field');
  await page.locator('input[name="reliabilityMin"]').fill('');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.locator('#err-reliabilityMin').waitFor({ state: 'detached' });
  await shot('03-offers');
  await withinViewport('offers', [page.getByRole('button', { name: 'Search' }), page.getByRole('button', { name: 'Launch race…' })]);

  step = 'filters in the address';
  assert(/providers=local/.test(page.url()) && /sort=RELIABILITY/.test(page.url()), `filters in the URL: ${page.url()}`);
  await page.reload();
  await page.getByRole('table', { name: 'Offers' }).locator('tbody tr').first().waitFor();
  assert(await page.locator('input[name="providers"]').inputValue() === 'local', 'reload keeps the provider filter');
  assert(await page.locator('select[name="sort"]').inputValue() === 'RELIABILITY', 'reload keeps the sort');
  await go('Launch races');
  await page.getByRole('heading', { name: 'Launch races' }).waitFor();
  await page.goBack();
  await page.getByRole('table', { name: 'Offers' }).locator('tbody tr').first().waitFor();
  assert(await page.locator('input[name="providers"]').inputValue() === 'local', 'Back keeps the provider filter');
  assert(await page.locator('select[name="sort"]').inputValue() === 'RELIABILITY', 'Back keeps the sort');
  await page.locator('select[name="sort"]').selectOption('PRICE');
  await page.waitForURL((u) => !/sort=/.test(u.toString()));

  step = 'race cost cap';
  await page.getByRole('button', { name: 'Launch race…' }).click();
  const raceDialog = page.getByRole('dialog', { name: 'Launch race' });
  for (const [k, v] of [['waveSize', '5'], ['waveIntervalSeconds', '10'], ['maxWaves', '3']]) {
    assert(await raceDialog.locator(`input[name="${k}"]`).inputValue() === v, `policy default ${k}=${v}`);
  }
  await raceDialog.getByTestId('worst-case').waitFor();
  assert(/cheapest first/.test(await raceDialog.getByTestId('race-preview').innerText()), 'the dialog says how offers are ranked');
  await raceDialog.locator('input[name="maxRaceCost"]').fill('0.0001');
  await raceDialog.locator('#err-policy-maxRaceCost').getByText(/could cost up to/).waitFor();
  const launchButton = raceDialog.getByRole('button', { name: 'Launch race', exact: true });
  assert(await launchButton.isDisabled(), 'a race over its cap cannot be launched from the dialog');
  await shot('04a-race-dialog-over-cap');
  const racesBefore = (await gql('{ launchRaces { id } }')).launchRaces.length;
  const refused = await fetch(new URL('/graphql', base), { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ query: 'mutation { startLaunchRace(input: {filter: {providers: ["local"]}, policy: {maxRaceCost: 0.0001}}) { id } }' }) })
    .then((r) => r.json());
  assert(/^policy\.maxRaceCost: the race could cost up to/.test(refused.errors?.[0]?.message ?? ''), `the server refuses: ${JSON.stringify(refused)}`);
  assert((await gql('{ launchRaces { id } }')).launchRaces.length === racesBefore, 'a refused race starts nothing');
  await raceDialog.locator('input[name="maxRaceCost"]').fill('');
  await raceDialog.locator('input[name="maxPricePerHour"]').fill('5');
  await raceDialog.locator('#err-policy-maxRaceCost').waitFor({ state: 'detached' });
  await launchButton.waitFor();
  await page.waitForFunction(() => !document.querySelector('[role="dialog"] button[type="submit"]')?.disabled);
  await withinViewport('race dialog', [launchButton]);
  await shot('04b-race-dialog');

  step = 'launch race';
  await launchButton.click();
  await page.waitForURL(/\/races\/[0-9a-f-]{36}$/);
  await page.locator('.candidate').first().waitFor();
  await shot('04-race-board-running');
  await page.locator('.candidate[data-winner="true"]').waitFor({ timeout: 120000 });
  await page.getByText(/was ready after/).waitFor({ timeout: 120000 });
  const winnerHost = (await page.locator('.candidate[data-winner="true"] .host').innerText()).trim();
  const cards = await page.locator('.candidate').count();
  const struck = await page.locator('.candidate.struck').count();
  const destroyed = await page.locator('.candidate:not(.winner)[data-status="DESTROYED"]').count();
  assert(destroyed === 0 || struck >= destroyed, `every destroyed loser is struck off (${struck} of ${destroyed})`);
  assert(await page.getByTestId('time-to-ready').innerText() !== '', 'time to ready shown');
  log(`race won by ${winnerHost}: ${cards} machines, ${struck} struck off`);
  await shot('05-race-board-winner');

  step = 'races list';
  await go('Launch races');
  await page.getByRole('table', { name: 'Launch races' }).waitFor();
  await shot('06-races');

  step = 'machines';
  await go('Machines');
  const row = page.locator(`tr[data-host="${winnerHost}"]`);
  await row.waitFor();
  await row.getByText('ready', { exact: true }).waitFor();
  await shot('07-machines');
  await withinViewport('machines', [row.getByRole('button', { name: 'Connect' }), row.getByRole('button', { name: 'Snapshot now' }),
    row.getByRole('button', { name: 'Destroy' })]);

  step = 'machine detail';
  await row.getByRole('link', { name: 'Details' }).click();
  await page.waitForURL(/\/machines\/[0-9a-f-]{36}$/);
  const detailUrl = page.url();
  await page.getByRole('list', { name: 'Status timeline' }).waitFor();
  assert(/answers and is yours/.test(await page.getByTestId('status-meaning').innerText()), 'what the status means');
  assert(/^\$/.test(await page.getByTestId('cost-so-far').locator('.stat-value').innerText()), 'cost so far');
  await page.getByTestId('ssh-command').waitFor();
  await page.getByTestId('machine-backups').getByText('Off.').waitFor();
  await shot('07b-machine-detail');
  await go('Machines');

  // someone works on the machine: files appear in its workspace (the local provider's sandbox)
  step = 'write workspace';
  const { instances } = await gql('{ instances { id hostId providerInstanceId status } }');
  const machine = instances.find((i) => i.hostId === winnerHost && i.status === 'READY');
  assert(machine, `instance of ${winnerHost} is READY`);
  const ws = join(dataDir, 'local-instances', machine.providerInstanceId, 'root', 'workspace');
  await mkdir(join(ws, 'code'), { recursive: true });
  await mkdir(join(ws, 'data'), { recursive: true });
  await writeFile(join(ws, 'code', 'train.py'), 'print("training")\n');
  for (let i = 0; i < 24; i++) {
    const buf = Buffer.alloc(512 * 1024);
    for (let j = 0; j < buf.length; j += 4) buf.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, j);
    await writeFile(join(ws, 'data', `shard-${i}.bin`), buf);
  }

  step = 'snapshot';
  await row.getByRole('link', { name: 'Snapshots' }).click();
  await page.getByRole('heading', { name: 'Snapshots' }).waitFor();
  await page.locator('input[name="description"]').fill('e2e: after the first training run');
  await page.getByRole('button', { name: 'Create snapshot' }).click();
  const snapRow = page.locator('table[aria-label="Snapshots"] tbody tr').filter({ hasText: 'e2e: after the first training run' });
  await snapRow.first().waitFor();
  await page.locator('table[aria-label="Snapshots"] tbody tr[data-status="SUCCEEDED"]').first().waitFor({ timeout: 120000 });
  await page.getByLabel('one per content (dedupe)').check();
  await page.getByLabel('one per content (dedupe)').uncheck();
  await shot('08-snapshots');

  step = 'restore';
  await snapRow.first().getByRole('button', { name: 'Restore…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore snapshot' });
  assert(/e2e: after the first training run/.test(await dialog.getByTestId('restore-snapshot').innerText()), 'the dialog names the snapshot');
  await dialog.getByLabel('an existing machine').check();
  assert(await dialog.getByRole('button', { name: 'Overwrite and restore' }).isDisabled(), 'disabled until a machine is chosen');
  const overwrite = await dialog.getByTestId('restore-overwrite').innerText();
  assert(/safety snapshot/.test(overwrite) && /kept/.test(overwrite), `the dialog says a safety snapshot is taken and excluded files are kept: ${overwrite}`);
  await dialog.getByLabel('Machine', { exact: true }).selectOption(machine.id);
  const confirm = dialog.getByRole('button', { name: 'Overwrite and restore' });
  assert(await confirm.isDisabled(), 'restoring onto an existing machine waits for the typed confirmation');
  await dialog.getByLabel('Confirmation').fill(winnerHost);
  await shot('09-restore-dialog');
  await confirm.click();
  await page.waitForURL(/\/restores\/[0-9a-f-]{36}$/);
  await page.getByRole('progressbar', { name: 'Restore progress' }).waitFor();
  await page.locator('[role="progressbar"][aria-valuenow="100"]').waitFor({ timeout: 180000 });
  await page.getByText('Restore complete and verified.').waitFor({ timeout: 60000 });
  assert(/Workspace usable at/.test(await page.getByTestId('workspace-usable').innerText()), 'the usable moment is shown');
  await page.waitForTimeout(500); // the bar's width animates
  await page.getByTestId('open-terminal').waitFor();
  await shot('10-restore-progress');
  const restorePage = page.url();
  await go('Restores');
  await page.getByRole('table', { name: 'Restores' }).waitFor();
  await shot('11-restores');

  step = 'ssh keys';
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'SSH keys' }).click();
  await page.getByRole('heading', { name: 'SSH keys' }).waitFor();
  await page.getByLabel('Public key').fill('-----BEGIN OPENSSH PRIVATE KEY-----');
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.locator('#public-key-error').waitFor();
  assert(/private key/.test(await page.locator('#public-key-error').innerText()), 'a private key is refused at its field');
  const keyDir = await mkdtemp(join(tmpdir(), 'snapgpu-e2e-key-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'e2e@browser', '-f', join(keyDir, 'id')]);
  const publicKey = (await readFile(join(keyDir, 'id.pub'), 'utf8')).trim();
  await page.getByLabel('Key name').fill('e2e laptop');
  await page.getByLabel('Public key').fill(publicKey);
  await page.getByRole('button', { name: 'Add key' }).click();
  await page.getByText(/Installed on 1 of 1 ready machine/).waitFor();
  await page.getByRole('table', { name: 'SSH keys' }).getByText('e2e laptop').waitFor();
  await shot('16-ssh-keys');

  step = 'connect panel';
  await go('Machines');
  await row.getByRole('button', { name: 'Connect' }).click();
  const panel = page.getByRole('dialog', { name: 'Connect' });
  await panel.getByTestId('ssh-command').waitFor();
  const sshCommand = await panel.getByTestId('ssh-command').innerText();
  assert(/^ssh -p \d+ root@127\.0\.0\.1$/.test(sshCommand), `the ssh command: ${sshCommand}`);
  assert(/^SHA256:/.test(await panel.getByTestId('host-key-fingerprint').innerText()), 'the host key fingerprint');
  await shot('17-connect-panel');

  step = 'terminal';
  await panel.getByRole('link', { name: 'Open terminal' }).click();
  await page.waitForURL(/\/machines\/[0-9a-f-]{36}\/terminal$/);
  await page.getByTestId('terminal-status').getByText('Connected').waitFor();
  const screen = page.locator('.xterm-rows');
  await page.getByTestId('terminal').click();
  await page.keyboard.type('ls');
  await page.keyboard.press('Enter');
  await screen.getByText(/code\s+data/).waitFor();
  await page.keyboard.type('echo "héllo wörld ✓"');
  await page.keyboard.press('Enter');
  await screen.getByText('héllo wörld ✓', { exact: true }).waitFor();
  await shot('18-terminal');
  const before = await page.getByTestId('terminal-size').innerText();
  await page.setViewportSize({ width: 1000, height: 700 });
  await page.waitForFunction((b) => document.querySelector('[data-testid="terminal-size"]')?.textContent !== b, before);
  const [cols, rows] = (await page.getByTestId('terminal-size').innerText()).split('×');
  await page.keyboard.type('clear; stty size');
  await page.keyboard.press('Enter');
  await screen.getByText(`${rows} ${cols}`, { exact: true }).waitFor();
  log(`terminal resized from ${before} to ${cols}×${rows}`);
  await shot('19-terminal-resized');
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('terminal-status').getByText(/Closed/).waitFor();

  step = 'terminal of another tenant';
  const adminFetch = (path, init = {}) => fetch(new URL(path, base), { ...init,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${apiKey}`, ...(init.headers ?? {}) } });
  const otherName = `e2e-other-${Date.now() % 100000}`;
  const otherPassword = `pw-${otherName}-0123456789`;
  let res = await adminFetch('/api/v1/users', { method: 'POST', body: JSON.stringify({ username: otherName, password: otherPassword, tenant: otherName }) });
  assert(res.status === 201, `another tenant's user: ${res.status}`);
  res = await fetch(new URL('/api/v1/auth/login', base), { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: otherName, password: otherPassword }) });
  const otherCookie = res.headers.get('set-cookie').split(';')[0];
  res = await fetch(new URL('/api/v1/api-keys', base), { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: otherCookie },
    body: JSON.stringify({ name: 'e2e' }) });
  const otherKey = (await res.json()).token;
  const { offers } = await gql('{ offers(filter: {providers: ["local"]}, limit: 1) { items { offerId } } }');
  res = await fetch(new URL('/api/v1/instances', base), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${otherKey}` },
    body: JSON.stringify({ provider: 'local', offer_id: offers.items[0].offerId }) });
  assert(res.status === 201, `another tenant's machine: ${res.status}`);
  const otherMachine = (await res.json()).id;
  await page.goto(new URL(`/machines/${otherMachine}/terminal`, base).toString());
  await page.getByText(`Your tenant has no machine ${otherMachine}`).waitFor();
  assert(await page.locator('.xterm').count() === 0, 'no terminal for another tenant\'s machine');
  await shot('20-terminal-other-tenant');
  const upgrade = (headers) => new Promise((resolve, reject) => {
    const u = new URL(`/api/v1/instances/${otherMachine}/terminal`, base);
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, headers: { Connection: 'Upgrade', Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers } });
    req.on('response', (r) => { r.resume(); resolve(r.statusCode); });
    req.on('upgrade', (r, sock) => { sock.destroy(); resolve(101); });
    req.on('error', reject);
    req.end();
  });
  assert(await upgrade({}) === 401, 'the terminal WebSocket refuses without credentials');
  assert(await upgrade({ Authorization: `Bearer ${apiKey}` }) === 404, 'and with another tenant\'s credentials');
  assert(await upgrade({ Authorization: `Bearer ${otherKey}`, Origin: 'http://evil.example' }) === 403, 'and from another origin');
  await fetch(new URL(`/api/v1/instances/${otherMachine}`, base), { method: 'DELETE', headers: { Authorization: `Bearer ${otherKey}` } });
  await page.goto(restorePage);
  await page.getByTestId('open-terminal').click();
  await page.getByTestId('terminal-status').getByText('Connected').waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('terminal-status').getByText(/Closed/).waitFor();

  step = 'backup settings';
  await go('Machines');
  await row.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('form', { name: 'Backup settings' }).waitFor();
  await page.locator('select[name="frequencyMinutes"]').selectOption('60');
  await page.locator('select[name="retentionDays"]').selectOption('30');
  await page.locator('textarea[name="includePaths"]').fill('/data\n/data/../checkpoints');
  await page.getByRole('button', { name: 'Save' }).click();
  const fieldErr = page.locator('#err-includePaths');
  await fieldErr.waitFor();
  assert(/normalised path/.test(await fieldErr.innerText()), `include path error at its field: ${await fieldErr.innerText()}`);
  await shot('12-backup-settings-error');
  // paths as people type them: under /workspace, or relative to it
  await page.locator('textarea[name="includePaths"]').fill('/workspace/data\ncheckpoints');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await fieldErr.waitFor({ state: 'detached' });
  await shot('13-backup-settings-saved');
  await page.reload();
  await page.getByRole('form', { name: 'Backup settings' }).waitFor();
  assert(await page.locator('textarea[name="includePaths"]').inputValue() === '/data\n/checkpoints', 'the server keeps the paths relative to the workspace');
  await page.locator('select[name="frequencyMinutes"]').selectOption('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  await page.goto(detailUrl);
  await page.getByTestId('machine-backups').getByText('Off.').waitFor();

  step = 'storage';
  await go('Storage & costs');
  await page.getByRole('table', { name: 'Storage tiers' }).waitFor();
  await page.getByRole('img', { name: 'Costs' }).waitFor();
  await shot('14-storage');

  step = 'hosts';
  await go('Hosts');
  await page.getByRole('img', { name: 'Boot time per host' }).waitFor();
  await page.getByRole('table', { name: 'Host statistics' }).getByText(winnerHost).waitFor();
  await shot('15-hosts');

  step = 'phone';
  await page.setViewportSize(PHONE);
  const phoneScreens = [
    ['Machines', 'Machines', () => [row.getByRole('button', { name: 'Connect' }), row.getByRole('button', { name: 'Snapshot now' }), row.getByRole('button', { name: 'Destroy' })]],
    ['Offers', 'Offers', () => [page.getByRole('button', { name: 'Search' }), page.getByRole('button', { name: 'Launch race…' })]],
    ['Launch races', 'Launch races', () => [page.getByRole('link', { name: 'Board' })]],
    ['Snapshots', 'Snapshots', () => [page.getByRole('button', { name: 'Restore…' })]],
    ['Restores', 'Restores', () => []],
    ['Restore drills', 'Restore drills', () => []],
    ['Storage & costs', 'Storage', () => []],
    ['Hosts', 'Hosts', () => []],
  ];
  for (const [label, heading, keys] of phoneScreens) {
    await go(label);
    await page.getByRole('heading', { name: heading }).first().waitFor();
    await page.waitForTimeout(500); // lists and charts settle
    await withinViewport(`phone ${label}`, keys());
    await shot(`phone-${label.toLowerCase().replace(/\W+/g, '-')}`);
  }
  await go('Launch races');
  await page.getByRole('link', { name: 'Board' }).first().click();
  await page.locator('.candidate').first().waitFor();
  await withinViewport('phone race board', []);
  await shot('phone-race-board');
  await page.goto(detailUrl);
  await page.getByRole('list', { name: 'Status timeline' }).waitFor();
  await withinViewport('phone machine detail', [page.getByRole('link', { name: 'Open terminal' })]);
  await shot('phone-machine-detail');
  await page.goto(restorePage);
  await page.getByRole('progressbar', { name: 'Restore progress' }).waitFor();
  await withinViewport('phone restore', []);
  await shot('phone-restore-progress');
  await go('Snapshots');
  await page.getByRole('button', { name: 'Restore…' }).first().click();
  const phoneDialog = page.getByRole('dialog', { name: 'Restore snapshot' });
  await phoneDialog.getByTestId('restore-snapshot').waitFor();
  await withinViewport('phone restore dialog', [phoneDialog.getByRole('button', { name: 'Cancel' }), phoneDialog.getByRole('button', { name: 'Restore to a new machine' })]);
  await shot('phone-restore-dialog');
  await phoneDialog.getByRole('button', { name: 'Cancel' }).click();
  await go('Offers');
  await page.getByRole('button', { name: 'Launch race…' }).click();
  const phoneRace = page.getByRole('dialog', { name: 'Launch race' });
  await phoneRace.getByTestId('worst-case').waitFor();
  await withinViewport('phone race dialog', [phoneRace.getByRole('button', { name: 'Launch race', exact: true })]);
  await shot('phone-race-dialog');
  await phoneRace.getByRole('button', { name: 'Cancel' }).click();
  await go('Machines');
  await row.getByRole('link', { name: 'Backups' }).click();
  await page.getByRole('form', { name: 'Backup settings' }).waitFor();
  await withinViewport('phone backup settings', [page.getByRole('button', { name: 'Save' })]);
  await shot('phone-backup-settings');
  await go('SSH keys');
  await page.getByRole('heading', { name: 'SSH keys' }).waitFor();
  await withinViewport('phone ssh keys', [page.getByRole('button', { name: 'Add key' })]);
  await shot('phone-ssh-keys');
  await page.setViewportSize(DESKTOP);

  step = 'destroy';
  await go('Machines');
  await row.getByRole('button', { name: 'Destroy' }).click();
  await page.getByRole('dialog', { name: 'Destroy machine' }).getByRole('button', { name: 'Destroy' }).click();
  await row.waitFor({ state: 'detached' });

  step = 'rent an offer';
  // the race's winner is free again and known to boot: sorted by SnapGPU's boot times it is on the first page
  await page.goto(new URL('/offers?providers=local&sort=BOOT_TIME', base).toString());
  await page.getByRole('button', { name: `Rent ${winnerHost}` }).click();
  const rentDialog = page.getByRole('dialog', { name: /^Rent / });
  assert(/\$[\d.]+\/h/.test(await rentDialog.getByTestId('rent-price').innerText()), 'the dialog shows the offer\'s $/h');
  const defaultImage = await rentDialog.locator('input[name="image"]').inputValue();
  assert(defaultImage !== '', 'the image starts from the default');
  await rentDialog.locator('input[name="image"]').fill('Not An Image!');
  await rentDialog.locator('input[name="diskGb"]').fill('5');
  await rentDialog.getByRole('button', { name: /^Rent for/ }).click();
  await rentDialog.locator('#err-image').waitFor();
  await rentDialog.locator('#err-diskGb').getByText(/between 10 and 4000/).waitFor();
  assert(await rentDialog.locator('input[name="image"]').inputValue() === 'Not An Image!', 'a refused rent keeps the image typed');
  await shot('16-rent-dialog-refused');
  await rentDialog.locator('input[name="image"]').fill(defaultImage);
  await rentDialog.locator('input[name="diskGb"]').fill('20');
  await rentDialog.getByRole('button', { name: /^Rent for/ }).click();
  await page.waitForURL(/\/machines\/[0-9a-f-]{36}$/);
  await page.getByRole('list', { name: 'Status timeline' }).waitFor();
  const rented = page.url().split('/').pop();
  const { instance } = await gql(`{ instance(id: "${rented}") { hostId } }`);
  assert(instance?.hostId === winnerHost, `the machine rented is that offer's: ${JSON.stringify(instance)}`);
  await shot('17-rented-machine');
  await gql(`mutation { destroyInstance(id: "${rented}") { status } }`);

  step = 'console';
  assert(consoleErrors.length === 0, `no console errors, got:\n  ${consoleErrors.join('\n  ')}`);
  log('all steps passed');
} catch (e) {
  failed = true;
  console.error(`[e2e] FAILED in step "${step}": ${e.stack ?? e}`);
  if (consoleErrors.length) console.error(`[e2e] console errors:\n  ${consoleErrors.join('\n  ')}`);
  await page.screenshot({ path: join(shots, `failure-${step.replace(/\W+/g, '-')}.png`), fullPage: true }).catch(() => {});
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
