import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { announceFirstRestart, type CloseDecision } from '../../client/src/restartNotice';

// The values of vscode-languageclient's CloseAction (the module itself needs VS Code to load).
const DO_NOT_RESTART = 1;
const RESTART = 2;

/** The library's default policy, as documented: restart up to 4 times within 3 minutes, then stop. */
function defaultPolicy(now: () => number): () => CloseDecision<number> {
  const restarts: number[] = [];
  return () => {
    restarts.push(now());
    if (restarts.length <= 4) return { action: RESTART };
    if (restarts[restarts.length - 1] - restarts[0] <= 3 * 60_000) {
      return { action: DO_NOT_RESTART, message: 'The server crashed 5 times in the last 3 minutes.' };
    }
    restarts.shift();
    return { action: RESTART };
  };
}

describe('server restart notice', () => {
  it('tells the user once through a crash loop, and leaves the final give-up message to the library', async () => {
    let clock = 0;
    const notices: string[] = [];
    const closed = announceFirstRestart(defaultPolicy(() => clock), (d) => d.action === RESTART, () => notices.push('restarting'));
    const decisions: CloseDecision<number>[] = [];
    for (let crash = 0; crash < 5; crash++) {
      clock += 1000;
      decisions.push(await closed());
    }
    assert.deepEqual(notices, ['restarting'], 'one notice for four restarts');
    assert.deepEqual(
      decisions.map((d) => d.action),
      [RESTART, RESTART, RESTART, RESTART, DO_NOT_RESTART],
    );
    assert.ok(decisions.slice(0, 4).every((d) => d.handled === true), 'restarts are marked handled: no second notice from the library');
    assert.equal(decisions[4].handled, undefined, 'giving up is left to the library, which says why');
    assert.match(decisions[4].message ?? '', /5 times/);
  });

  it('stays quiet for later crashes, spaced out, that keep being restarted', async () => {
    let clock = 0;
    let notices = 0;
    const closed = announceFirstRestart(defaultPolicy(() => clock), (d) => d.action === RESTART, () => notices++);
    for (let crash = 0; crash < 10; crash++) {
      clock += 10 * 60_000;
      assert.equal((await closed()).action, RESTART);
    }
    assert.equal(notices, 1);
  });

  it('says nothing when the first decision is not to restart', async () => {
    let notices = 0;
    const closed = announceFirstRestart(
      async () => ({ action: DO_NOT_RESTART }),
      (d) => d.action === RESTART,
      () => notices++,
    );
    assert.deepEqual(await closed(), { action: DO_NOT_RESTART });
    assert.equal(notices, 0);
  });
});
