// The local stack for the browser tests: the runner of README command one (moto + every function
// of template.yaml behind the HTTP API), on a free port, with its demo seller. Or, with
// E2E_STACK=running, the stack scripts/run-local already runs (read from .local/demo.json).
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BOOT_TIMEOUT_MS = 180_000;

/** Starts the runner (or finds the running one); resolves with {baseUrl, apiKey, webhookUrl, webhookSecret, easyPostUrl, stop}. */
export async function startStack() {
  if (process.env.E2E_STACK === 'running') {
    const demo = JSON.parse(readFileSync(path.join(ROOT, '.local/demo.json'), 'utf8'));
    return { ...demo, stop: async () => {} };
  }
  const jar = path.join(ROOT, 'local/runner/target/runner.jar');
  if (!existsSync(jar)) throw new Error(`${jar} is missing: build first (mvn package)`);
  // The JDK scripts/lib.sh chose (JAVA_HOME), as scripts/run-local starts it.
  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin/java') : 'java';
  const runner = spawn(java, ['-jar', jar], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', PROJECT_DIR: ROOT },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = [];
  const banner = {};
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the runner did not start in ${BOOT_TIMEOUT_MS / 1000} s:\n${log.slice(-40).join('')}`)), BOOT_TIMEOUT_MS);
    const read = (chunk) => {
      const text = chunk.toString();
      log.push(text);
      for (const line of text.split('\n')) {
        const m = /^ {2}(HTTP API|Demo API key|Webhook URL|Webhook secret|EasyPost fake) +(\S+)/.exec(line);
        if (m) banner[m[1]] = m[2];
      }
      if (banner['HTTP API'] && banner['Demo API key'] && banner['Webhook URL'] && banner['Webhook secret'] && banner['EasyPost fake']) {
        clearTimeout(timer);
        resolve();
      }
    };
    runner.stdout.on('data', read);
    runner.stderr.on('data', (chunk) => log.push(chunk.toString()));
    runner.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the runner exited (${code}) before it was ready:\n${log.slice(-40).join('')}`));
    });
  });
  const exited = new Promise((resolve) => runner.on('exit', resolve));
  const stop = async () => {
    if (runner.exitCode === null) runner.kill('SIGTERM'); // its shutdown hook stops the functions and the emulator
    await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  };
  process.on('exit', () => { if (runner.exitCode === null) runner.kill('SIGTERM'); });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl: banner['HTTP API'], apiKey: banner['Demo API key'],
    webhookUrl: banner['Webhook URL'], webhookSecret: banner['Webhook secret'], easyPostUrl: banner['EasyPost fake'], stop,
  };
}

/** Posts a body to a storefront webhook URL, signed as a generic storefront signs (docs/webhooks.md). */
export async function postSigned(stack, url, payload) {
  const body = JSON.stringify(payload);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac('sha256', stack.webhookSecret).update(`${t}.${body}`).digest('hex');
  const response = await fetch(url, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-orderflow-signature': `t=${t},v1=${v1}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

/**
 * A paid order from the sample webhook (events/webhook-order-paid.json), placed now or `daysAgo`
 * days ago (its ship-by and promised delivery dates follow from that, as for a late webhook);
 * `skus` keeps only those lines of the sample (the total follows).
 */
export async function placeOrder(stack, externalOrderId, { daysAgo = 0, skus } = {}) {
  const order = JSON.parse(readFileSync(path.join(ROOT, 'events/webhook-order-paid.json'), 'utf8'));
  order.externalOrderId = externalOrderId;
  order.createdAt = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  if (skus) {
    const cents = (amount) => Math.round(Number(amount) * 100);
    order.lines = order.lines.filter((l) => skus.includes(l.sku));
    const total = order.lines.reduce((sum, l) => sum + l.quantity * cents(l.unitPrice), cents(order.shippingTotal) + cents(order.taxTotal));
    order.total = (total / 100).toFixed(2);
  }
  const answer = await postSigned(stack, stack.webhookUrl, order);
  await awaitStatus(stack, answer.orderId, 'UNSHIPPED');
  return answer.orderId;
}

/** Calls the seller API with the demo key; a `body` object is sent as JSON. */
export async function sellerApi(stack, route, { body, ...init } = {}) {
  const response = await fetch(`${stack.baseUrl}/${route}`, {
    ...init, body: body === undefined ? undefined : JSON.stringify(body), headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Polls the seller API until the order has the status (processing is asynchronous). */
export async function awaitStatus(stack, orderId, status, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await sellerApi(stack, `v1/orders/${orderId}`);
    if (last.status === 200 && last.body.status === status) return last.body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`order ${orderId} never became ${status}; last seen ${JSON.stringify(last)}`);
}

/**
 * Moves a parcel bought from the local EasyPost fake one step, or to `status` (in_transit,
 * delivered, return_to_sender...): the fake sends its signed tracker event to the stack.
 */
export async function advanceParcel(stack, trackingNumber, status) {
  const url = `${stack.easyPostUrl}/_local/trackers/${encodeURIComponent(trackingNumber)}/advance${status ? `?status=${status}` : ''}`;
  const response = await fetch(url, { method: 'POST' });
  const text = await response.text();
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}
