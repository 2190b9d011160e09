// VS Code's save dialog as code-server shows it (the simple file dialog in the quick input), answered
// as a user accepting what it offers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { askDom } from './dom';
import { fixtureUri } from './editor';
import { dom } from './panel';

/**
 * Answers the save dialog as a user accepting what it offers: `name` beside the trace. Each test
 * saves under a name that no file had in this run, so no "replace it?" question can come from
 * VS Code's view of the folder. Returns the file chosen.
 */
export async function acceptSaveDialog(name: string): Promise<vscode.Uri> {
  // The quick input widget is reused: wait for it to be shown with this dialog's path, not the
  // last dialog's value still in its (hidden) input.
  const shown = await askDom({
    op: 'waitForExpression',
    scope: 'workbench',
    expression: `(() => {
      const w = document.querySelector('.quick-input-widget');
      const input = w && w.querySelector('input');
      return !!input && getComputedStyle(w).display !== 'none' && input.value.endsWith(${JSON.stringify(`/${name}`)});
    })()`,
  });
  if (!shown.ok) {
    const now = await dom({ op: 'evaluate', expression: `(() => { const i = document.querySelector('.quick-input-widget input'); return i ? i.value : null; })()` });
    assert.fail(`the save dialog should offer ${name}; it shows ${JSON.stringify(now.values?.find((v) => v.value !== null)?.value)}`);
  }
  // The dialog checks the path as it is shown; an Enter while it is still busy may be dropped,
  // so press again (bounded) until the dialog has closed.
  const closed = `(() => { const w = document.querySelector('.quick-input-widget'); return !w || getComputedStyle(w).display === 'none'; })()`;
  for (let attempt = 0; attempt < 5; attempt++) {
    await dom({ op: 'press', scope: 'workbench', selector: '.quick-input-widget input', key: 'Enter' });
    if ((await askDom({ op: 'waitForExpression', scope: 'workbench', expression: closed, timeoutMs: 2000 })).ok) return fixtureUri(name);
  }
  assert.fail('the save dialog did not close on Enter');
}
