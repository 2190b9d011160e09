// The words of the summary panel's page: headings, buttons, hints and the templates the page
// fills in. Built in the extension host, in the reader's language, and sent with the view, so
// the page's script holds no English of its own; the view model words the data (see
// viewModel.ts). Pure: `l10n.t` reads the bundle the extension configured at activation.
import * as l10n from '@vscode/l10n';
import { intlLocale } from '../../../server/src/analysis/l10n';

/** A template's `{0}`, `{1}`… are filled by the page with `fillTemplate`. */
export type Template = string;

export interface PanelText {
  /** The language the page is written in (BCP 47), for `<html lang>` and `Intl`. */
  locale: string;
  loading: string;
  openTextTrace: string;
  openTextTraceTitle: string;
  copyMarkdown: string;
  copyMarkdownTitle: string;
  saveCsv: string;
  saveCsvTitle: string;
  saveSelected: string;
  saveSelectedTitle: string;
  saveSelectedNone: string;
  /** `{0}`: the number of ticked calls. */
  ticked: Template;
  outcomes: string;
  /** `{0}`: an outcome's description. */
  clickToFilter: Template;
  keyFigures: string;
  finalResponses: string;
  codeColumn: string;
  callsColumn: string;
  reasonsColumn: string;
  causesColumn: string;
  noFinal: string;
  /** `{0}`: how many more items a list leaves out. */
  more: Template;
  findings: string;
  /** `{0}`: the number of route-blocked calls. */
  routeBlocked: Template;
  routeBlockedExplanation: string;
  prefix: string;
  noSharedPrefix: string;
  singleNumber: string;
  calls: string;
  filterPlaceholder: string;
  filterLabel: string;
  showOutcomes: string;
  noCalls: string;
  /** `{0}`: the number of other transactions. */
  showTransactions: Template;
  tickCall: string;
  tickAll: string;
  expandLegs: string;
  collapseLegs: string;
  /** `{0}`: finding codes. */
  findingsOfRow: Template;
  /** `{0}`: a Q.850 or vendor cause. */
  cause: Template;
  callFlow: string;
  noMessages: string;
  callId: string;
  flowHint: string;
  flowDiagram: string;
}

/** The page's words in the language in use. */
export function panelText(): PanelText {
  return {
    locale: intlLocale(),
    loading: l10n.t('Analysing the trace…'),
    openTextTrace: l10n.t('Open as Text Trace'),
    openTextTraceTitle: l10n.t('Open the capture as a SIP text trace, with hovers and problems'),
    copyMarkdown: l10n.t('Copy as Markdown'),
    copyMarkdownTitle: l10n.t('Copy the summary and the calls shown as a Markdown report'),
    saveCsv: l10n.t('Save as CSV…'),
    saveCsvTitle: l10n.t('Save the calls shown as a CSV file'),
    saveSelected: l10n.t('Save Selected Calls As…'),
    saveSelectedTitle: l10n.t('Save the messages of the ticked calls as a new trace, in the format of this one'),
    saveSelectedNone: l10n.t('Tick calls in the table first'),
    ticked: l10n.t('Ticked: {0}'),
    outcomes: l10n.t('Outcomes'),
    clickToFilter: l10n.t('{0}. Click to filter the table.'),
    keyFigures: l10n.t('Key figures'),
    finalResponses: l10n.t('Final responses'),
    codeColumn: l10n.t('Code'),
    callsColumn: l10n.t('Calls'),
    reasonsColumn: l10n.t('Reason phrases'),
    causesColumn: l10n.t('Causes'),
    noFinal: l10n.t('no final'),
    more: l10n.t('… {0} more'),
    findings: l10n.t('Findings'),
    routeBlocked: l10n.t('Route blocked ({0})'),
    routeBlockedExplanation: l10n.t(
      'A 9xx answer means the dialled number’s prefix is not in the SIP gateway’s allowed directions. This is local configuration, not the carrier: allow the prefix on the gateway or dial another route.',
    ),
    prefix: l10n.t('prefix'),
    noSharedPrefix: l10n.t('shares no prefix with the others'),
    singleNumber: l10n.t('one number'),
    calls: l10n.t('Calls'),
    filterPlaceholder: l10n.t('Filter: number, Call-ID, code, reason…'),
    filterLabel: l10n.t('Filter calls'),
    showOutcomes: l10n.t('Show outcomes'),
    noCalls: l10n.t('No calls in this trace.'),
    showTransactions: l10n.t('Show other transactions ({0})'),
    tickCall: l10n.t('Tick this call to save it with Save Selected Calls As…'),
    tickAll: l10n.t('Tick every call shown'),
    expandLegs: l10n.t('Show the other legs of this call'),
    collapseLegs: l10n.t('Hide the other legs of this call'),
    findingsOfRow: l10n.t('Findings: {0}'),
    cause: l10n.t('Cause: {0}'),
    callFlow: l10n.t('Call flow'),
    noMessages: l10n.t('No messages for this call.'),
    callId: l10n.t('Call-ID'),
    flowHint: l10n.t('Click an arrow (or focus it and press Enter) to show that message in the editor. Dashed arrows are retransmissions.'),
    flowDiagram: l10n.t('Call flow diagram'),
  };
}
