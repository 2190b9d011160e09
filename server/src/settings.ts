// The server's view of the `sipLens` configuration section (declared by the client in package.json).
// Values arrive untyped from the client, so every field is checked and falls back to its default:
// one bad value never disables the rest.

import { DEFAULT_THRESHOLDS, FINDING_CODES, FINDING_SEVERITY, type FindingCode, type FindingThresholds } from './analysis/findings/types';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

/** The four ★ diagnostic codes (mutually exclusive: at most one per message). */
export type DiagnosticCode = 'route-blocked' | 'error-final' | 'no-final' | 'malformed';

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = ['route-blocked', 'error-final', 'no-final', 'malformed'];

/** Every code whose severity is a setting: the ★ codes and the finding codes. */
export type SeverityCode = DiagnosticCode | FindingCode;

const SEVERITY_CODES: readonly SeverityCode[] = [...DIAGNOSTIC_CODES, ...FINDING_CODES];

export interface SipLensSettings {
  /** Addresses of the local host (IP or host name; an optional `:port` is ignored). */
  localAddresses: string[];
  diagnostics: {
    severity: Record<SeverityCode, SeverityName>;
    /** Final status codes that are never reported. */
    ignoreCodes: number[];
  };
  codeLens: { enabled: boolean };
  /** Thresholds of the slow-setup finding (`sipLens.findings.slowSetup.*`). */
  findings: { slowSetup: FindingThresholds };
}

export function defaultSettings(): SipLensSettings {
  return {
    localAddresses: [],
    diagnostics: {
      severity: { 'route-blocked': 'error', 'error-final': 'warning', 'no-final': 'warning', malformed: 'error', ...FINDING_SEVERITY },
      ignoreCodes: [],
    },
    codeLens: { enabled: true },
    findings: { slowSetup: { ...DEFAULT_THRESHOLDS } },
  };
}

const SEVERITY_NAMES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a setting given as a nested object (`{ diagnostics: { severity: { … } } }`, what VS Code
 * sends) or under its dotted key (`"diagnostics.severity.malformed"`, what some clients send).
 */
function lookup(raw: Json, path: readonly string[]): unknown {
  for (let split = path.length; split >= 1; split--) {
    const head = path.slice(0, split).join('.');
    if (!(head in raw)) continue;
    const value = raw[head];
    if (split === path.length) return value;
    if (isObject(value)) {
      const found = lookup(value, path.slice(split));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function stripPort(address: string): string {
  const trimmed = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  if (bracketed) return bracketed[1];
  // One colon means host:port; more than one is a bare IPv6 address.
  const colons = trimmed.split(':').length - 1;
  return colons === 1 ? trimmed.slice(0, trimmed.indexOf(':')) : trimmed;
}

/** Turns whatever the client sent for the `sipLens` section into complete, valid settings. */
export function normalizeSettings(raw: unknown): SipLensSettings {
  const settings = defaultSettings();
  if (!isObject(raw)) return settings;

  const addresses = lookup(raw, ['localAddresses']);
  if (Array.isArray(addresses)) {
    settings.localAddresses = addresses
      .filter((a): a is string => typeof a === 'string')
      .map(stripPort)
      .filter((a) => a.length > 0);
  }

  for (const code of SEVERITY_CODES) {
    const value = lookup(raw, ['diagnostics', 'severity', code]);
    if (typeof value === 'string' && SEVERITY_NAMES.includes(value.toLowerCase())) {
      settings.diagnostics.severity[code] = value.toLowerCase() as SeverityName;
    }
  }

  const ignore = lookup(raw, ['diagnostics', 'ignoreCodes']);
  if (Array.isArray(ignore)) {
    settings.diagnostics.ignoreCodes = ignore
      .map((c) => (typeof c === 'string' ? Number.parseInt(c, 10) : c))
      .filter((c): c is number => typeof c === 'number' && Number.isInteger(c));
  }

  const lens = lookup(raw, ['codeLens', 'enabled']);
  if (typeof lens === 'boolean') settings.codeLens.enabled = lens;

  for (const key of ['pddMs', 'firstResponseMs'] as const) {
    const value = lookup(raw, ['findings', 'slowSetup', key]);
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) settings.findings.slowSetup[key] = value;
  }

  return settings;
}

/** True when two settings would give different analyses (not just different presentation). */
export function analysisOptionsDiffer(a: SipLensSettings, b: SipLensSettings): boolean {
  return (
    a.localAddresses.join('\n') !== b.localAddresses.join('\n') ||
    a.findings.slowSetup.pddMs !== b.findings.slowSetup.pddMs ||
    a.findings.slowSetup.firstResponseMs !== b.findings.slowSetup.firstResponseMs
  );
}
