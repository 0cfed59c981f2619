// The peer side of the in-memory benchmark: bpmn-engine runs approval-chain.bpmn, each user task signalled in a
// loop as soon as it waits, like the ThiDua side. Prints one JSON line: instances, signals and seconds measured.
// Usage: node run-peer.mjs [seconds] [warmupInstances]
import { readFileSync } from 'node:fs';
import { Engine } from 'bpmn-engine';

const seconds = Number(process.argv[2] ?? 5);
const warmup = Number(process.argv[3] ?? 2000);
const source = readFileSync(new URL('./approval-chain.bpmn', import.meta.url), 'utf8');
// Parse the XML once; every instance starts from the serialized context, as a server would cache it.
const sourceContext = await new Engine()._serializeSource(source);

let signals = 0;
async function runOne(i) {
  const engine = new Engine({ name: `dossier-${i}`, sourceContext });
  let ended = false;
  engine.once('end', () => (ended = true));
  const execution = await engine.execute();
  for (let level = 0; level < 4; level++) {
    const [task] = execution.getPostponed().filter((e) => e.type === 'bpmn:UserTask');
    if (!task) throw new Error(`instance ${i}: no waiting user task at level ${level + 1}`);
    execution.signal({ id: task.id, decision: 'Approve' });
    signals++;
  }
  if (!ended || execution.isRunning) throw new Error(`instance ${i} did not complete: ${execution.state}`);
}

for (let i = 0; i < warmup; i++) await runOne(i);
signals = 0;
let instances = 0;
const start = process.hrtime.bigint();
const limit = BigInt(Math.round(seconds * 1e9));
while (process.hrtime.bigint() - start < limit) {
  for (let k = 0; k < 100; k++) await runOne(instances++);
}
const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
process.stdout.write(JSON.stringify({ engine: 'bpmn-engine', instances, signals, seconds: elapsed }) + '\n');
