import type { CombinedError } from 'urql';

/**
 * Turns a GraphQL error into something a form can show. SnapGPU refuses a request once with every bad
 * field: an INVALID_INPUT error lists them in `extensions.fieldErrors` ([{ field, message }]); a server
 * without that list named one field in the message ("frequency_minutes: must be one of [15, 60, 360, 1440]
 * (got 7)"). Field names are snake_case or camelCase depending on the service; keys here are camelCase
 * with dots kept ("frequencyMinutes", "policy.waveSize", "filter.maxPricePerHour").
 */
export interface FormErrors {
  fields: Record<string, string>;
  general: string[];
}

const FIELD_MESSAGE = /^([A-Za-z][\w.]*(?:\[\d+\])?): (.+)$/s;

export function fieldKey(raw: string): string {
  return raw
    .replace(/\[\d+\]$/, '')
    .split('.')
    .map((part) => part.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()))
    .join('.');
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

export function formErrors(error: Pick<CombinedError, 'graphQLErrors' | 'networkError' | 'response'> | null | undefined): FormErrors {
  const out: FormErrors = { fields: {}, general: [] };
  if (!error) return out;
  if (error.networkError) {
    out.general.push(networkMessage(error));
  }
  const add = (field: string, message: string) => {
    const key = fieldKey(field);
    out.fields[key] = out.fields[key] ? `${out.fields[key]}; ${message}` : message;
  };
  for (const e of (error.graphQLErrors ?? []) as GraphQLErrorLike[]) {
    const listed = e.extensions?.code === 'INVALID_INPUT' ? fieldErrorsOf(e) : [];
    const m = FIELD_MESSAGE.exec(e.message);
    if (listed.length) {
      listed.forEach((f) => add(f.field, f.message));
    } else if (e.extensions?.code === 'INVALID_INPUT' && m) {
      add(m[1], m[2]);
    } else {
      out.general.push(humanMessage(e));
    }
  }
  return out;
}

interface FieldErrorLike {
  field: string;
  message: string;
}

function fieldErrorsOf(e: GraphQLErrorLike): FieldErrorLike[] {
  const list = e.extensions?.fieldErrors;
  if (!Array.isArray(list)) return [];
  return list.filter((f): f is FieldErrorLike => !!f && typeof f.field === 'string' && typeof f.message === 'string');
}

/** The error for one field, looking the key up with and without its prefix ("filter.region" or "region"). */
export function fieldError(errors: FormErrors, key: string): string | undefined {
  if (errors.fields[key]) return errors.fields[key];
  const short = key.includes('.') ? key.substring(key.lastIndexOf('.') + 1) : key;
  return errors.fields[short];
}

/** Field errors that no input on the form shows: they must not disappear silently. */
export function unclaimed(errors: FormErrors, shownKeys: string[]): string[] {
  const shown = new Set<string>();
  for (const k of shownKeys) {
    shown.add(k);
    shown.add(k.includes('.') ? k.substring(k.lastIndexOf('.') + 1) : k);
  }
  return Object.entries(errors.fields)
    .filter(([k]) => !shown.has(k))
    .map(([k, v]) => `${k}: ${v}`);
}

function humanMessage(e: GraphQLErrorLike): string {
  const code = e.extensions?.code;
  if (code === 'FORBIDDEN' || /forbidden/i.test(e.message)) return `Not allowed: ${e.message}`;
  if (code === 'TOO_MANY_ATTEMPTS') return 'Too many attempts: wait a minute and try again.';
  // SmallRye hides unexpected server errors behind this text
  if (/^Server Error$/i.test(e.message) || /System error/i.test(e.message)) {
    return 'SnapGPU hit an unexpected error. Try again; if it keeps failing, the server log says why.';
  }
  return e.message;
}

function networkMessage(error: Pick<CombinedError, 'networkError' | 'response'>): string {
  const status = (error.response as { status?: number } | undefined)?.status;
  if (status === 401) return 'Your session has ended: log in again.';
  if (status === 403) return 'Your account may not do this.';
  return 'Cannot reach SnapGPU. Check that the server is running, then try again.';
}

/** One line for a banner. */
export function errorText(error: Pick<CombinedError, 'graphQLErrors' | 'networkError' | 'response'> | null | undefined): string | null {
  if (!error) return null;
  const f = formErrors(error);
  const lines = [...f.general, ...Object.entries(f.fields).map(([k, v]) => `${k}: ${v}`)];
  return lines.length ? lines.join(' ') : null;
}
