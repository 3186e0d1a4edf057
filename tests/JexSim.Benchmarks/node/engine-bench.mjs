// Replays a JexSim benchmark command stream on nodejs-order-book (same commands, same order).
// Usage: node --expose-gc engine-bench.mjs <node_modules dir> <stream file>
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [modulesDir, streamFile] = process.argv.slice(2);
const require = createRequire(path.join(modulesDir, 'noop.js'));
const { OrderBook } = require('nodejs-order-book');

function parse(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  let i = 0;
  const section = () => {
    const n = Number(lines[i++].split(' ')[1]);
    const ops = new Array(n);
    for (let k = 0; k < n; k++) {
      const [kind, id, newId, side, price, qty] = lines[i++].split(' ');
      ops[k] = { kind, id: 'o' + id, newId: 'o' + newId, side: side === '0' ? 'buy' : 'sell', price: Number(price), qty: Number(qty) };
    }
    return ops;
  };
  return { setup: section(), ops: section() };
}

function apply(ob, op) {
  switch (op.kind) {
    case 'G': ob.limit({ side: op.side, id: op.id, size: op.qty, price: op.price }); break;
    case 'I': ob.limit({ side: op.side, id: op.id, size: op.qty, price: op.price, timeInForce: 'IOC' }); break;
    case 'C': ob.cancel(op.id); break;
    default: ob.cancel(op.id); ob.limit({ side: op.side, id: op.newId, size: op.qty, price: op.price });
  }
}

const { setup, ops } = parse(streamFile);
const run = (measure) => {
  const ob = new OrderBook();
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  for (const op of setup) apply(ob, op);
  global.gc?.();
  const restingBytes = (process.memoryUsage().heapUsed - heap0) / Math.max(1, setup.length);
  if (!measure) { for (const op of ops) apply(ob, op); return null; }
  const lat = new Float64Array(ops.length);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < ops.length; i++) {
    const s = process.hrtime.bigint();
    apply(ob, ops[i]);
    lat[i] = Number(process.hrtime.bigint() - s);
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  // Throughput without per-op timers, on a fresh book.
  const ob2 = new OrderBook();
  for (const op of setup) apply(ob2, op);
  const t1 = process.hrtime.bigint();
  for (const op of ops) apply(ob2, op);
  const plainSeconds = Number(process.hrtime.bigint() - t1) / 1e9;
  lat.sort();
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] / 1000;
  return { ops: ops.length, seconds, opsPerSecond: ops.length / plainSeconds, p50: q(0.5), p99: q(0.99), p999: q(0.999), restingBytes };
};
run(false); // warm-up (JIT)
console.log(JSON.stringify(run(true)));
