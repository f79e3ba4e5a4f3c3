/** Process group liveness (core/src/services/group.ts): zombies left for PID 1 to reap do not count. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { groupAlive, parseStat } from '../../../core/src/services/group.js';

void test('parseStat reads state and process group after the last parenthesis of the command name', () => {
  assert.deepEqual(parseStat('4242 (node) S 4200 4242 4242 0 -1 4194560 1 0'), { state: 'S', pgrp: 4242 });
  assert.deepEqual(parseStat('17 (my (odd) name) Z 1 15 15 0 -1 4194560 1 0'), { state: 'Z', pgrp: 15 });
  assert.equal(parseStat('garbage'), undefined);
});

void test('a running group is alive; once it exited it is not', async () => {
  const child = spawn('sleep 30', { shell: true, detached: true, stdio: 'ignore' });
  await once(child, 'spawn');
  const pid = child.pid as number;
  try {
    assert.equal(groupAlive(pid), true);
  } finally {
    process.kill(-pid, 'SIGKILL');
  }
  await once(child, 'exit');
  // The shell is reaped by us; `sleep`, if the shell forked it, only becomes a zombie of PID 1.
  const deadline = Date.now() + 5000;
  while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(groupAlive(pid), false);
});

void test('a group whose last member exited is not alive while that member waits to be reaped', async () => {
  // The shell exits at once (we reap it); its background `sleep` stays in the group, exits, and
  // is left a zombie until PID 1 reaps it — which, in a container, can take seconds.
  const child = spawn('sleep 0.2 & echo $!', {
    shell: true,
    detached: true,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const pid = child.pid as number;
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await once(child, 'close');
  const sleeper = Number(out.trim());
  const deadline = Date.now() + 5000;
  const state = (): string | undefined => {
    try {
      return parseStat(readFileSync(`/proc/${sleeper}/stat`, 'utf8'))?.state;
    } catch {
      return undefined;
    }
  };
  while (state() !== undefined && state() !== 'Z' && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 5));
  assert.notEqual(state() === undefined ? 'gone' : state(), 'S', 'the sleeper exited');
  assert.equal(groupAlive(pid), false);
});

void test('a group that never existed is not alive', () => {
  assert.equal(groupAlive(2 ** 22 + 12345), false);
});
