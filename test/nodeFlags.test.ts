import fs from 'node:fs';
import path from 'node:path';
import { HUB_NODE_FLAGS } from '../src/server/nodeFlags';

const root = path.join(__dirname, '..');
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts;

function nodeCommand(name: string): string[] | undefined {
  return scripts[name].split('&&').map((c) => c.trim().split(/\s+/)).find((words) => words[0] === 'node');
}

describe('the Node flags the hub runs with', () => {
  it('are on the node command line of npm run start, which serves the compiled hub from dist/ in that process', () => {
    const node = nodeCommand('start');
    expect(node).toBeDefined();
    for (const flag of HUB_NODE_FLAGS) expect(node).toContain(flag);
    const entry = node![node!.length - 1];
    expect(entry).toBe('scripts/start.js');
    // The starter requires the compiled hub in-process (no child node without the flags).
    const starter = fs.readFileSync(path.join(root, entry), 'utf8');
    expect(starter).toMatch(/require\(path\.join\(dist, 'src', 'main\.js'\)\)/);
    expect(starter).not.toMatch(/spawn\w*\(process\.execPath, \[path/);
  });

  it('are on the node command line of npm run bench:search, which runs the compiled bench', () => {
    const node = nodeCommand('bench:search');
    expect(node).toBeDefined();
    for (const flag of HUB_NODE_FLAGS) expect(node).toContain(flag);
    expect(node![node!.length - 1]).toMatch(/^dist-bench\/.*\.js$/);
  });
});
