import fs from 'node:fs';
import path from 'node:path';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';

const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')).scripts;

describe('the Node flags the hub runs with', () => {
  it.each(['start', 'bench:search'])('are on the node command line of npm run %s, which runs the compiled hub', (name) => {
    const node = scripts[name].split('&&').map((c) => c.trim().split(/\s+/)).find((words) => words[0] === 'node');
    expect(node).toBeDefined();
    for (const flag of HUB_NODE_FLAGS) expect(node).toContain(flag);
    expect(node![node!.length - 1]).toMatch(/^dist(-bench)?\/.*\.js$/);
  });
});
